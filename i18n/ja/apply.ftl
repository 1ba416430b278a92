# `apply`: 最初の書き込み前の確認、要約と問い、エラー、報告。

## スクリプトとプランファイルの読み込み。

apply-mos-not-a-command = この行は apply が送れるコマンドではありません
apply-mos-unknown-command = `{ $command }` に合うコマンド形式がカタログにありません。apply は読み戻せるものだけを送ります
apply-st-no-prologue = `carryover restore` が SpamTitan 向けに書いた復元スクリプトではありません（前置き部分がありません）
apply-st-not-a-command = この行は復元スクリプト自身の語から作れるコマンドではありません
apply-st-unknown-command = `{ $command }` は SpamTitan 復元スクリプトの呼び出しではありません。apply は読み戻せるものだけを送ります
apply-mos-not-a-write = `{ $command }` は apply が読み戻せるものを何も書きません。apply が送るのは設定、リストの項目、メッセージ、信頼されたホストだけです
apply-mos-literal-refused = アプライアンスがリテラルを受け付けませんでした: { $answer }
apply-plan-unknown-vendor = プランファイルのメーカー `{ $vendor }` はこのツールが知らないものです
apply-vendor-cannot-apply = apply はまだ { $vendor } のアプライアンスにスクリプトを送れません
apply-script-not-utf8 = スクリプトが UTF-8 ではありません。apply が送るのは UTF-8 のスクリプトだけです
apply-script-changed = restore が書いた後にスクリプトが変わりました (SHA-256 がプランファイルのものと違います)。restore をもう一度実行し、書かれたものを確認してください
apply-no-plan-file = 隣にプランファイル { $plan } がありません。`carryover restore -o FILE` でスクリプトを書いてください。FILE.plan が隣に書かれます
apply-plan-unreadable = このプランファイルは restore が書くものとして読めません
apply-inferred-not-sent = `{ $command }` を含む { $count } 件のコマンドは、公開情報で裏付けのない形式です。アプライアンスで 1 件を手で確認してから、--send-inferred を付けてもう一度実行してください

## ジャーナル。

apply-journal-unreadable = ジャーナルのこの行が読めません
apply-journal-other-script = このジャーナルは別のスクリプトかメーカーのものです。このスクリプトを適用するには移動してください
apply-journal-unfinished = ジャーナル { $journal } は終わっていない適用を示しています。終えるには --resume を付けてもう一度実行してください
apply-journal-other-appliance = ジャーナルは { $wanted } のために書かれましたが、このアプライアンスは { $name } です

## 最初の書き込み前の確認。

apply-connection-failed = { $host }: { $error }
apply-wrong-appliance = { $host } は { $name } で、スクリプトは { $wanted } 向けです。何も送っていません
apply-version-not-reached = { $host } はバージョン { $runs } で、スクリプトはバージョン { $to } 以降向けです。何も送っていません
apply-drift = { $host } は、スクリプトが書く { $count } 件の項目について { $against } の内容をもう持っていません: { $items }。キャプチャし直してスクリプトを書き直してください。何も送っていません
apply-not-confirmed = 確認されませんでした。何も送っていません
apply-no-terminal = apply は最初の書き込みの前に尋ねますが、尋ねる端末がありません。尋ねずに送るには --yes を付けてください

## 送信。

apply-lost-not-idempotent = `{ $command }` の応答が失われ、{ $host } を読んでも反映されたか分からず、再送は安全ではありません。アプライアンスで確認し、反映されていればその行番号の took_effect レコードをジャーナルに追加して、--resume でもう一度実行してください
apply-refused = アプライアンスが `{ $command }` を拒否しました: { $answer }。止まった場所はジャーナルにあります。原因を直してから --resume を付けてもう一度実行してください
apply-connection-lost = { $host } への接続が `{ $command }` で切れました: { $error }。止まった場所はジャーナルにあります。--resume を付けてもう一度実行してください

## 要約と問い (標準エラー出力)。

apply-summary-appliance = アプライアンス: { $host } の { $appliance }、バージョン { $version }
apply-summary-commands = 送るコマンド: { $commands } 件 (以前の実行で確認済み { $done } 件)
apply-summary-inferred = 推測の形式のコマンド: { $count } 件 ({ $lines } 行目)
apply-summary-restarts = サービスを再起動するコマンド (カタログが知る限り): { $count } 件
apply-summary-by-hand = 手作業: apply はどれも行いません。スクリプトの注記と手順書にリストがあります
apply-summary-drift = { $checked ->
    [yes] スクリプトの計算に使ったキャプチャと確認済み: 変化なし
   *[no] 変化は確認していません: スクリプトはキャプチャに対して計算されていません (restore --against)
}
apply-question = これらのコマンドを送るには yes と入力してください:

## 報告。

apply-would-send = { $line } 行目を送る予定: { $command }
apply-dry-run = ドライラン: { $count } 件のコマンドを送る予定でした。何も書き込んでいません
apply-done = { $sent } 件のコマンドを送り、それぞれ確認されました。{ $took_effect } 件は既に済んでいました。ジャーナル: { $journal }
apply-finished-before = ジャーナル { $journal } によると、このスクリプトは適用済みです。何も送っていません

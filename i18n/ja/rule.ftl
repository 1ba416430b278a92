# Japanese: the same ids and arguments as i18n/en/rule.ftl; terms as in i18n/glossary.toml.
# `carryover rule ID`, `carryover schema` and the rule pages: what a rule is, what carryover
# checks for it, and what it does. Commands, setting names, values and ids are arguments.

## Errors

usage-rule-unknown = ルール `{ $id }` はありません: 近いものは { $nearest } です (`carryover rule` ですべてのリストを表示します)
usage-schema-unknown = スキーマ `{ $name }` はありません: `carryover schema` でリストを表示します ({ $names })

## The page

rule-page-heading = { $id }: { $title }
rule-page-of-note = { $vendor }、{ $release }、重大度: { $severity }
rule-page-own = どのリリースノートにもない、carryover 独自の確認です。重大度: { $severity }
rule-page-note-heading = リリースノートの項目
rule-page-original = リリースノートの原文:
rule-page-cost = 影響: { $cost }
rule-page-checks-heading = carryover が確認すること
rule-page-does-heading = carryover がすること
rule-page-reported-by = 報告するコマンド: { $commands }。
rule-page-reported-by-none = 報告するコマンドはありません: リリースノートのすべての項目に対応させるために残している項目です。
rule-page-remedy = リリースノートにある対処 (波括弧の語は項目ごとに埋められます):
rule-page-gate = 何かが見つかった場合や判断できない場合、`--confirm { $id }` で確定するまで `plan` はバージョンアップを進められません。
rule-page-check = 対処が効いたことを手で確認してください: { $check }
rule-page-capture = 必要なものをキャプチャするコマンド: { $commands }
rule-page-after = バージョンアップ後のキャプチャでも確認します: { $release } で動いているアプライアンスでも問題が残るためです。
rule-page-from-at-least = { $version } 以降からのバージョンアップに適用されます。
rule-page-wider = リリースノートは { $names } からのバージョンアップだけを挙げていますが、carryover は他のバージョンからも警告として適用します: { $because }
rule-page-never-fires = どのキャプチャでもこのルールは該当しません: { $why }
rule-page-list-heading = ルール { $count } 件。`carryover rule ID` で説明を表示します:

## What carryover checks, by kind of check

rule-detect-none = キャプチャで分かることはありません: carryover は確認しません。
rule-detect-always = { $release } をまたぐすべてのバージョンアップに適用されます: キャプチャで調べることはありません。
rule-detect-setting-not = `{ $name }` が `{ $value }` でない場合に適用されます。設定がキャプチャされていない場合はそう伝えます。
rule-detect-setting-is = `{ $name }` が `{ $value }` の場合に適用されます。設定がキャプチャされていない場合は判断できないと伝えます。
rule-detect-new-setting = `{ $name }` は { $release } の新しい設定で、推奨値は `{ $recommended }` です。バージョンアップ前のキャプチャには含まれないため、バージョンアップ後に設定するよう伝えます。{ $release } ではキャプチャされた値を推奨値と比べます。
rule-detect-new-setting-default = `{ $name }` は { $release } の新しい設定で、推奨値は `{ $recommended }` です (デフォルトは `{ $default }`)。バージョンアップ前のキャプチャには含まれないため、バージョンアップ後に設定するよう伝えます。{ $release } ではキャプチャされた値を推奨値と比べます。
rule-detect-reapply = バージョンアップでこれらの設定が壊れます: { $names }。carryover はキャプチャされた値を、もう一度設定するもののリストとして挙げます。
rule-detect-export-lacks = ライブのキャプチャにあってエクスポートにない `{ $list }` リストの項目です。リストがすべてキャプチャされていないスコープは、キャプチャされていないと報告します。
rule-detect-system-message = システムメッセージ `{ $name }`: 失われるのはカスタマイズしたテキストだけです。carryover が知っている { $defaults } 件のデフォルトのテキストと同じものは失われません。1 件も知らない場合は判断できないと伝えます。
rule-detect-messages-in = `{ $area }` のすべてのメッセージです。
rule-detect-raw-mentions = carryover が知らない応答やコマンドのうち、`{ $text }` に触れているものです。
rule-detect-raw-mentions-listing = carryover が知らない応答やコマンドのうち、`{ $text }` に触れているものです。`{ $listing }` を実行したキャプチャがない場合は判断できないと伝えます。
rule-detect-delegated-domains = アプライアンスが Delegated Domain を使っているか: Delegated Domain がキャプチャされているか、そのライセンスがあるかで判断します。
rule-detect-delegated-domains-license = アプライアンスが Delegated Domain を使っているか: Delegated Domain がキャプチャされているか、ライセンス `{ $license }` があるかで判断します。
rule-detect-unless-installed = `{ $patch }` がインストールされていれば問題ありません。
rule-detect-trusted-hosts = `{ $group }` グループの信頼されたホストと、そのキーがキャプチャされているかです。
rule-detect-license-missing = ライセンス `{ $feature }` がない場合に適用されます。
rule-detect-version-below = バージョンアップ元のバージョンが { $version } より前の場合に適用されます。
rule-detect-version-not = バージョンアップ元のバージョンが { $version } でない場合に適用されます。
rule-detect-update-missing = `{ $name }` がインストール済みのアップデートのリストにない場合に適用されます。
rule-detect-update-unlisted = インストール済みのアップデートのリストには `{ $name }` が表示されません。ないことは何の証拠にもならないため、手で確認するよう求めます。
rule-detect-backup-status = `{ $command }` のリストにある最後のバックアップ: `{ $done }` 以外の状態や、バックアップがない場合に該当します。このコマンドを実行したキャプチャがない場合は、キャプチャされていないと伝えます。
rule-detect-backup-status-inferred = `{ $command }` のリストにある最後のバックアップ: `{ $done }` 以外の状態や、バックアップがない場合に該当します。このコマンドを実行したキャプチャがない場合は、キャプチャされていないと伝えます。応答の形式は推測です: それを示す公開資料はありません。
rule-detect-manual = どのキャプチャにも表れない前提条件です: carryover は常に手で確認するよう求めます。
rule-detect-hardware-not = ログインバナーにあるハードウェアモデル: { $models } 以外のモデルに適用されます。バナーがない場合は判断できないと伝えます。
rule-detect-cluster = アプライアンスがクラスタのノードかどうかを、クラスタの設定で判断します。
rule-detect-backup-drops = バックアップのインポートで引き継がれない設定: { $count } 種類の設定を、キャプチャにある場所ごとに報告します。
rule-detect-backup-drops-by-hand = by-hand.txt にしかない設定が { $count } 種類あります。記入がない場合はキャプチャされていません。
rule-detect-backup-drops-uncapturable = どのキャプチャにも含まれない設定が { $count } 種類あり、毎回、手で行う手順として挙げます。

## carryover's own checks

rule-own-title = { $id ->
    [carryover-package] インストールするバージョンアップのモジュール
    [carryover-unknown-release] carryover が知っているどのリリースノートよりも新しいバージョン
    [carryover-unexplained] ライブのキャプチャとエクスポートで異なり、既知の問題では説明できない項目
    [carryover-lost] バージョンアップ前のキャプチャにあり、バージョンアップ後のキャプチャにないか異なる項目
    [carryover-not-compared] 一方のキャプチャにあり、もう一方のキャプチャが見ていない範囲にある項目
   *[carryover-update-failed] キャプチャで失敗が分かるアップデート
}
rule-own-cost = { $id ->
    [carryover-package] キャプチャしたバージョンからのバージョンアップでは、リリースのモジュールを 1 つインストールします。モジュールを誤ると失敗するか、アプライアンスがバージョンの間に残ります。
    [carryover-unknown-release] carryover にリリースノートがないリリースの既知の問題は報告されません。
    [carryover-unexplained] 理由なくライブのアプライアンスと異なるエクスポートでは、リリースノートにある以上のものが失われるかもしれません。
    [carryover-lost] どのリリースノートにもない、バージョンアップで失われたものです。
    [carryover-not-compared] 比べていない違いは失われたものかもしれません。両方のキャプチャが見るまで、設定が引き継がれたとは言えません。
   *[carryover-update-failed] 終わらなかったアップデートはアプライアンスをバージョンの間に残します。そこからのバージョンアップは安全ではありません。
}
rule-own-checks = { $id ->
    [carryover-package] バージョンアップ元のバージョンと、リリースノートがそのバージョンに挙げるモジュールです。
    [carryover-unknown-release] バージョンアップ先のバージョンを、carryover が知っている最も新しいリリースノートと比べます。
    [carryover-unexplained] ライブのキャプチャのすべての項目をエクスポートと比べ、どのルールでも説明できない違いを挙げます。
    [carryover-lost] バージョンアップ前のキャプチャ (`gaps --pre`) のすべての項目を、バージョンアップ後のキャプチャと比べます。バージョンアップ後のキャプチャが見ていない範囲の項目は比べません。
    [carryover-not-compared] 各キャプチャが見た範囲 (設定、スコープごとのリスト、API のリソース) です。一方しか見ていない範囲の項目は、削除や追加ではなく、比べていないものとします。
   *[carryover-update-failed] アップデートのログと、アプライアンス自身のアップデートのリストです。
}

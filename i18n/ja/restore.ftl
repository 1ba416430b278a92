# Japanese: the same ids and arguments as i18n/en/restore.ftl; terms as in i18n/glossary.toml.
# The words of a restore script's remarks and of its runbook.

## the script's header

restore-header-title = { $appliance } の carryover リストアスクリプト、{ $from } -> { $to }
# The export header line `host:` that carryover reads back (an export names its appliance so): never translated.
restore-header-host = { "host:" } { $appliance }
restore-header-against = バージョンアップ後のキャプチャにないもの、または異なるものだけ
restore-header-encoding = 文字コード: { $encoding }。リテラルのバイト数はこの文字コードで数え、改行はそれぞれ CRLF として数えます
restore-header-encoding-as-capture = 文字コード: { $encoding } (キャプチャと同じ)。リテラルのバイト数はこの文字コードで数え、改行はそれぞれ CRLF として数えます
restore-host-not-captured = (ホストはキャプチャされていません)
restore-version-not-captured = (バージョンはキャプチャされていません)

## what a run of commands is written under

restore-remark-rule = { $rule }
restore-remark-new = { $rule }: { $title }
restore-remark-unprovable = { $rule }: バージョンアップ後のキャプチャに表れている可能性がありますが、書き込みました: 修正されたことを示せるキャプチャはありません。手で確認してください (手順書を参照)
restore-remark-remedy-wins = { $rule }: キャプチャした { $name } = { $value } より対処法を優先します

## a command not written, and why
## The script's own words `not written` stay, as restore-values-left-out (commands.ftl) quotes them.

restore-remark-not-written = not written (書き込んでいません)、{ $why }: { $what }
restore-remark-no-command = not written (書き込んでいません)、対応するコマンドがありません: { $what }
restore-remark-inferred = 推測した形式: `{ $form }` を確認できる公開資料はありません。以下のこの形式のコマンドは推測です: 残りを貼り付ける前に、一つをアプライアンスで確認してください
# Why, in the vendor's words.
restore-unwritable-value = 値にスクリプトで扱えない文字が含まれています
restore-unwritable-no-pipe = このスクリプトではデータをパイプで渡せません
restore-unwritable-data = データにスクリプトで扱えない文字が含まれています
restore-unwritable-block-line = データブロックの行に制御文字が含まれています

## what was not written

restore-item-setting = 設定 { $name }
restore-item-entry = { $scope } の { $list } のエントリ { $entry }
restore-item-message = メッセージ { $name }
restore-item-trusted-host = 信頼されたホスト { $host } ({ $group })
restore-item-enter = { $domain } の { $count } 個の項目
restore-item-leave = { $domain } を抜ける

## the runbook's steps by hand

restore-step-secret-left-out = { $scope }: { $name } はシークレットのため、除外しました (--show-secrets を使ってください)
restore-not-compared = スクリプトが戻す対象のうち { $count } 件の範囲をバージョンアップ後のキャプチャが見ていないため、スクリプトから外しました。戻っているかどうかはわかりません: バージョンアップ後に `{ $capture }` をキャプチャしてから、もう一度実行してください
restore-step-not-observed = バージョンアップ後のキャプチャに { $path } がありません: キャプチャしてから再実行してください
restore-step-not-observed-capture = バージョンアップ後のキャプチャに { $path } がありません: `{ $commands }` をキャプチャしてから再実行してください
restore-step-key-elided = 信頼されたホスト { $host } ({ $group }): キャプチャしたキーの行が省略されています。{ $host } での `key getpublic MTA ""` の出力からキー全体を貼り付けてください
restore-step-key-not-captured = 信頼されたホスト { $host } ({ $group }): キーがキャプチャされていません。{ $host } で `key getpublic MTA ""` を実行して、キーを追加してください
restore-step-keep-chosen-value = バージョンアップ後のアプライアンスでは { $name } が { $now } です: その値を選んだのであればそのままにし、そうでなければ `{ $command }` でリリースノートの推奨値を設定してください (SMTP が再起動します)
restore-step-check-listed-host-key = 信頼されたホスト { $host } ({ $group }) はバージョンアップ後も登録されています: { $host } の現在のキーを保持しているか確認してください ({ $host } で `key getpublic MTA ""`)。一覧にはキーが表示されません
restore-step-trusted-hosts-not-captured = { $group } の信頼されたホストがキャプチャされていません: 前段の RazorGate がこの機器宛てのメールをスコアリングしている場合は、以降の手順に従って追加してください
restore-step-reapply-not-captured = { $name } がキャプチャされていません: リリースノートのとおりに設定し直してください
restore-step-message-not-captured = システムの { $name } がキャプチャされていません: カスタマイズされている場合はデフォルトに戻るため、以降の手順に従って再適用してください
restore-step-setting-check = { $name } がキャプチャされていません: `{ $check }` で確認し、`{ $value }` でなければ { $commands } を実行してください
restore-step-setting-not-captured = { $name } がキャプチャされていません: `{ $value }` でなければ { $commands } を実行してください
restore-step-console = { $scope }: { $page } > { $field } で { $name } を { $value } に設定してください
restore-step-console-inferred = { $scope }: { $page } > { $field } で { $name } を { $value } に設定してください (推測)
restore-step-console-unknown = { $scope }: 管理画面で { $name } を { $value } に設定してください (該当するページは不明です)
restore-step-no-command = { $scope }: { $item } に対応するコマンドはありません。管理画面で設定してください
# A release note's own step in the console, in its words.

## the runbook

runbook-title = リストア手順書: { $appliance }、{ $from } -> { $to }
runbook-apply = 1. スクリプトを適用する
runbook-rules = スクリプトは、以下のルールが求めるコマンドを、それぞれのルールを示す注記の下に書き込みます:
runbook-by-hand = 2. スクリプトではできない手順
runbook-none = なし。
runbook-patches = 3. インストールするパッチ
runbook-check = 4. 確認
runbook-checks-by-hand = 修正されたことを示せるキャプチャはありません (アプライアンスはどちらの場合も同じ値を表示します): 手で確認してください。
runbook-recapture = バージョンアップしたアプライアンスをもう一度キャプチャしてください。
runbook-then-run = 次に `{ $command } --against <新しいキャプチャ>` を実行してください: コマンドが 1 つも書き出されなければ、スクリプトがリストアするものはすべて戻っています。
runbook-then-run-but = 次に `{ $command } --against <新しいキャプチャ>` を実行してください: 書き出されるコマンドが { $rules } のもの (修正されたことを示せるキャプチャがないため常に書き出されます。上記のとおり手で確認してください) だけなら、スクリプトがリストアするものはすべて戻っています。

# Japanese: the same ids and arguments as i18n/en/cli.ftl; terms as in i18n/glossary.toml.
# Arguments here are words already made (an error, a warning), filled in as they are.

## restore

cli-warning = 警告: { $warning }
cli-restore-shown-in-utf8 = 注記: このターミナル用にスクリプトを UTF-8 で表示しています。`-o FILE` (またはパイプ) では、アプライアンスが読む { $encoding } で書き込みます。リテラルのバイト数は { $encoding } のバイト数です
cli-restore-no-plan-file = 注記: { $path } はファイルではなくデバイスかパイプのため、隣にプランファイルを書きませんでした。このため `carryover apply` はこのスクリプトを送れません。送るには `-o FILE` でスクリプトを書いてください。FILE.plan が隣に書かれます
# What the runbook calls the script when it goes to standard output.
cli-restore-script-unnamed = スクリプト

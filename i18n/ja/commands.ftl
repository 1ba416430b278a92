# Japanese: the same ids and arguments as i18n/en/commands.ftl; terms as in i18n/glossary.toml.

## restore

restore-values-left-out = { $count } 個の値は { $encoding } で書けないため、スクリプトから除外しました (スクリプトの `not written` の注記を参照)。それらを表せる文字コード (utf-8 など) なら書き出せます
# A step the vendor's import files leave to be done by hand, in the vendor's words.
restore-import-secret-left-out = { $step }

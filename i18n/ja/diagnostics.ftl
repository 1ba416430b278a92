# Japanese: the same ids and arguments as i18n/en/diagnostics.ftl; terms as in i18n/glossary.toml.

diagnostics-line-counts = { $path }: { $lines } 行中 { $read } 行を読み込み、{ $not_understood } 行は解釈できませんでした (--unrecognized を参照)
diagnostics-unrecognized-count = 認識できない行: { $count } 行

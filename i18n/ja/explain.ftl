# Japanese: the same ids and arguments as i18n/en/explain.ftl; terms as in i18n/glossary.toml.

## not on this version

diff-summary-not-on-version = { $summary }。相手側のバージョンにない項目 { $count }
diff-not-on-version-in = このバージョンにはありません: { $side } のバージョンにはない項目 ({ $count })
diff-markdown-not-on-version = このバージョンにないもの (相手側のバージョンにはない項目):
diff-markdown-item-not-on-version = `{ $path }`: { $side } のバージョンにはありません

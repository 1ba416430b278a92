# Japanese: the same ids and arguments as i18n/en/quiet.ftl; terms as in i18n/glossary.toml.

quiet-located = { $at }: { $said }
quiet-repeated = { $said } ({ $count } 回。最初は { $at })
quiet-warning = 警告: { $warning }
quiet-refused = 注記: `{ $command }` は拒否されました ({ $answer })。何も変更していません
quiet-absent = 注記: { $version } は `{ $command }` がないと応答しました ({ $answer }): このバージョンにないコマンドか、入力の誤りです
quiet-absent-version-unknown = 注記: このアプライアンスには `{ $command }` がありません ({ $answer })。キャプチャにバージョンがありません

# 標準エラーにそのまま引用するには長すぎるキャプチャの値: 先頭部分と、それが全体のどれだけか。
quiet-quoted-start = { $start }… (全 { $length } 文字のうち先頭の { $shown } 文字)

quiet-all-read = { $path }: { $lines } 行をすべて読み込みました

# `man --all`.
quiet-man-all-needs-dir = man --all はページをフォルダに書き出します。-o DIR でフォルダを指定してください
quiet-man-all-not-a-dir = { $path } はフォルダではありません。man --all はページをフォルダに書き出します

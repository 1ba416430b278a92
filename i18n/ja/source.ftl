# Japanese: the same ids and arguments as i18n/en/source.ftl; terms as in i18n/glossary.toml.
# What the source layer says about an input's bytes before any vendor reads it: errors that
# stop a run, and warnings about what was changed to read it.

source-stdin-twice = `-` (標準入力) が複数回指定されています。読み込めるのは 1 回だけです
source-nul-byte = NUL バイトがあります: テキストのキャプチャではありません
source-nul-byte-expected = 圧縮データやバイナリデータではない、一つのエンコーディングで書かれたテキスト (CLI ログ、トランスクリプト、エクスポート)
source-nul-byte-far = { $line } 行目 { $column } 桁目に NUL バイトがあります: テキストのキャプチャではありません
source-invalid-bytes = { $line } 行目: 有効な { $encoding } ではないバイトが { $count } 個あります
source-bytes-replaced = 有効な { $encoding } ではないバイト { $count } 個を U+FFFD に置き換えました
source-prefix-quoted = チケットから貼り付けたログのように、すべての行に `{ $mark }` (引用形式の貼り付け) が付いています: 読み込む前に取り除きました
source-prefix-indented = チケットから貼り付けたログのように、すべての行に空白 { $width } 個のインデントがあります: 読み込む前に取り除きました
source-timestamps-removed = 端末ソフトが行頭に付けたタイムスタンプ { $count } 個 (最初はこの行) を、読み込む前に取り除きました

# Japanese: the same ids and arguments as i18n/en/commands.ftl; terms as in i18n/glossary.toml.
# Japanese has no plural forms: where the English selects a word by `$count`, one word serves.

## diff

diff-markdown-table-head = | | 項目 | 旧 | 新 |
diff-markdown-stat-head = | エリア | 追加 | 削除 | 変更 |
diff-secret-changed = { $path } (秘密情報が変更されています)
diff-secret-changed-cell = (秘密情報が変更されています)
diff-unified-secret-changed = { $path }: 秘密情報が変更されています (unified 形式の差分は秘密情報を表示しません)
diff-summary = 差分 { $count } 件: 追加 { $added }、削除 { $removed }、変更 { $changed }
diff-summary-not-compared = 比較していないもの { $not_compared } (一方でキャプチャされていないもの)。差分 { $count } 件: 追加 { $added }、削除 { $removed }、変更 { $changed }
diff-side-old = A (旧)
diff-side-new = B (新)
diff-not-captured-in = 比較していません: { $side } でキャプチャされていません ({ $count })
diff-capture-with = キャプチャに使うコマンド: { $commands }
diff-markdown-not-compared = 比較していないもの (一方でキャプチャされていないもの):
diff-markdown-item = `{ $path }`: { $side } でキャプチャされていません
diff-markdown-item-capture = `{ $path }`: { $side } でキャプチャされていません。`{ $commands }` でキャプチャしてください

## restore

restore-values-left-out = { $count } 個の値は { $encoding } で書けないため、スクリプトから除外しました (スクリプトの `not written` の注記を参照)。それらを表せる文字コード (utf-8 など) なら書き出せます
restore-values-not-carried = { $count } 個の値は、スクリプトの行に書けない文字 (NUL などの制御文字) を含むため、スクリプトから除外しました (スクリプトの `not written` の注記を参照)。手作業で設定してください
# A step the vendor's import files leave to be done by hand, in the vendor's words.
restore-import-secret-left-out = { $step }

## verify-update

verify-update-not-a-log = アップデートログではありません: 番号付きの手順 `001: ...` も `Install revision` ヘッダーもありません
verify-update-ambiguous = { $vendors } のいずれもこれをアップデートログとして読み込みます: どのメーカーのものか carryover には判断できません
verify-update-none-in-folder = このフォルダにはアップデートログがありません (番号付きの手順 `001: ...` か `Install revision` ヘッダーのあるログ)
verify-update-unreadable = { $reason }

## the writer

write-is-a-folder = フォルダです: 書き込むファイルを指定してください
write-named-twice = この実行の出力で二度指定されています: 一方が他方を上書きするため、何も書き込みません
write-host-cannot-name-file = ホスト名 `{ $host }` はファイル名にできません: 使えるのは英字、数字、`-`、`_` だけで、63 文字までです

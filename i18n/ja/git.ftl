# Japanese: the same ids and arguments as i18n/en/git.ftl; terms as in i18n/glossary.toml.

## a commit's subject line

git-subject-new = carryover { $command }: { $appliance } を追加
git-subject-changed = carryover { $command }: { $appliance } を変更
# $appliances: each `<vendor>/<host>`, joined by `, `.
git-subject-many = carryover { $command }: アプライアンス { $count } 台を変更: { $appliances }
git-subject-format = carryover { $command }: 保存形式 { $version } へ更新、構成の変更なし

## a commit's body: a line per appliance

git-body-new = - { $appliance }: 新規
git-body-counts = - { $appliance }: 追加 { $added }、削除 { $removed }、変更 { $changed }
git-body-counts-not-captured = - { $appliance }: 追加 { $added }、削除 { $removed }、変更 { $changed }。今回キャプチャしていないもの { $not_captured } (削除ではありません)
git-body-counts-newly-captured = - { $appliance }: 追加 { $added }、削除 { $removed }、変更 { $changed }。今回初めてキャプチャしたもの { $newly_captured } (追加ではありません)
git-body-counts-both = - { $appliance }: 追加 { $added }、削除 { $removed }、変更 { $changed }。今回キャプチャしていないもの { $not_captured } (削除ではありません)。今回初めてキャプチャしたもの { $newly_captured } (追加ではありません)
# $counts: one of the lines above; $since: each commit (`<hash> <date>`), joined by `, `.
git-body-since = { $counts }。追加・削除・変更のうち { $earlier } は、最後にすべてキャプチャした時点 ({ $since }) からの数
git-body-format = - { $appliance }: 保存形式 { $from } -> { $to }、構成の変更なし
git-body-unknown = - { $appliance }: この実行より前に変更済み
git-body-deleted = - { $appliance }: 削除
git-body-secrets = 秘密情報は比較していません: アプライアンス { $holding } 台の { $secrets } 個をマスクして保存するため、変わったものも変更なしと数えます。

## what the run says

git-committed = コミットしました: { $subject }
git-nothing-committed = コミット: 変更がないため、コミットしていません
git-nothing-committed-secrets = コミット: track が比較するものに変更がないため、コミットしていません。秘密情報は比較していません

## a file that is no capture, handed over by git (the note on standard error)

git-no-capture-as-it-is = carryover: { $path } はキャプチャではありません。そのまま表示します
git-no-capture-plain-diff = carryover: { $path } はキャプチャではありません。通常の diff で表示します

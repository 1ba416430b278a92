# Japanese: the same ids and arguments as i18n/en/rules.ftl; terms as in i18n/glossary.toml.
# What the release notes' rules say beyond their titles: the gates of `plan`, what no capture
# can hold, the state of backups, the patches a listing never shows, and carryover's own
# suggestions, marked as such. Arguments are filled as the captures hold them.

remedy-suggestion = リリースノートの記載ではなく carryover による提案: { $step }
remedy-if-is-suggestion = `{ $value }` の場合: リリースノートの記載ではなく carryover による提案: { $step }
finding-backup-drops-not-captured = { $title }: キャプチャされていません: 手入力テンプレートの設定 { $count } 件と、どのキャプチャにも含まれない種類の設定 { $uncapturable } 件
finding-backup-drops-by-hand = { $title }: キャプチャされていません: どのキャプチャにも含まれない種類の設定 { $uncapturable } 件
item-not-captured-by = キャプチャされていません: by-hand.txt の { $line } 行目
remedy-fill-in = キャプチャのフォルダの by-hand.txt の { $lines } 行目を記入し、フォルダをもう一度読み込んでください
remedy-note-by-hand = どのキャプチャにも含まれないため: バックアップをインポートする前に { $what } を記録し、インポート後に再適用してください
finding-form-inferred = { "" } (推測: `{ $form }` のすべての応答を示す公開資料はありません)
finding-backup-not-captured = { $title }: キャプチャされていません: `{ $command }` が実行されていません
finding-backup-none = { $title }: `{ $command }` のリストにバックアップがありません
finding-backup-done = 最後のバックアップは完了しています ({ $backup })
finding-backup-not-done = { $title }: 最後のバックアップが完了していません ({ $backup })
finding-update-unlisted = { $title }: 判断できません: `update list` には { $name } が表示されません
finding-gate-blocks = { "" }。確認して --confirm { $rule } で確定するまで、バージョンアップを進められません (キャプチャにあったもの: { $seen })
finding-gate-blocks-unseen = { "" }。確認して --confirm { $rule } で確定するまで、バージョンアップを進められません (これを示すキャプチャはありません)
finding-lost = バージョンアップ前のキャプチャの項目のうち、バージョンアップ後のキャプチャにないか異なるもの { $count } 件
finding-lost-not-compared = バージョンアップ後のキャプチャが観測していない範囲にある、バージョンアップ前のキャプチャの項目 { $count } 件: 比較していません
item-lost = バージョンアップ後のキャプチャにありません
item-changed = 現在は { $now }
remedy-restore-against = `carryover restore --to { $to } PRE --against POST` で元に戻してください。バージョンアップ後のキャプチャにないものだけを書き込みます
step-form-inferred = (推測: このコマンドの形式を確認できる公開資料はありません)
capture-form-inferred = 推測した形式: `{ $command }` を確認できる公開資料はありません。アプライアンスが受け付けない場合は、carryover のメーカーごとのカタログで修正してください
finding-hardware-not-captured = { $title }: ハードウェアモデルがキャプチャされていません (ログインバナーに表示されます)
finding-hardware-eligible = { $model } はリリースノートに記載されたモデルです
finding-hardware-not-eligible = { $title }: { $model } はリリースノートに記載されたモデルではありません

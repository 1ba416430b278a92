# Japanese: the same ids and arguments as i18n/en/track.ftl; terms as in i18n/glossary.toml.

track-folder-unnamed = キャプチャのディレクトリには名前が必要です
track-unreadable = { $reason }
track-no-vendor = このファイルを扱えるメーカーを carryover は知りません
track-no-appliance = アプライアンスを示すものがありません (ホストのプロンプトも、`# host:` ヘッダーも、グリーティングもありません)
track-appliances-collide = 異なるアプライアンス { $appliances } が { $file } を共有することになります: 統合はせず、何も書き込んでいません。別々のリポジトリに track してください
track-reader-failed = carryover がこのキャプチャの処理に失敗しました (バグです。報告してください)
track-host-cannot-name-file = ホスト名 `{ $host }` はファイル名にできません: 使えるのは英字、数字、`-`、`_` だけで、最大 63 文字です
track-outside-repository = リポジトリの外にあります
track-link-in-repository = リンクです: リポジトリ内のリンクはたどりません

## why a file or folder was not read

# Why, in the words of the check for junk files.
track-skipped-link-inside = スキップしました: ソースフォルダ内のリンクです。リンク先はそれ自体として読み込みます
track-skipped-link-outside = スキップしました: ソースフォルダの外へ出るリンクです
track-skipped-older-folder = スキップしました: `{ $host }` の別のキャプチャフォルダ { $kept } を追跡します (パス順で最後のもの)

## the report for a terminal

track-note-failed = { $path }: エラー: { $why }
track-note-skipped = { $path }: 注記: { $why }
track-wrote = { $path } を書き込みました
track-update-log = アップデートログ { $path }: { $from } -> { $to }: { $state }
track-update-completed = 完了
# The anomalies, in the words of the vendor's update-log check, joined by `; `.
track-update-anomaly = 異常: { $anomalies }
track-summary = ファイル { $files } 個からアプライアンス { $appliances } 台: 書き込み { $written }、変更なし { $unchanged }。認識できない行 { $unrecognized }。スキップ { $skipped }。アップデートログ { $logs } 件 (うち異常あり { $anomalies })。失敗 { $failed }
# $summary: the line above.
track-summary-secrets = { $summary }。アプライアンス { $holding } 台の秘密情報 { $secrets } 個は比較していません: マスクして保存するため、変わったものも変更なしと数えます (2 つのキャプチャを `carryover diff` で比較してください)

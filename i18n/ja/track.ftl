# Japanese: the same ids and arguments as i18n/en/track.ftl; terms as in i18n/glossary.toml.

track-folder-unnamed = キャプチャのディレクトリには名前が必要です
track-unreadable = { $reason }
track-no-vendor = このファイルを扱えるメーカーを carryover は知りません
track-no-appliance = アプライアンスを示すものがありません (ホストのプロンプトも、`# host:` ヘッダーも、グリーティングもありません)
track-appliances-collide = 異なるアプライアンス { $appliances } が { $file } を共有することになります: 統合はせず、何も書き込んでいません。別々のリポジトリに track してください
track-reader-failed = carryover がこのキャプチャの処理に失敗しました (バグです。報告してください)

# Japanese: the same ids and arguments as i18n/en/update.ftl; terms as in i18n/glossary.toml.

update-no-target = `Install revision` ヘッダーがありません: アップデート先のバージョンが不明です
update-service-not-started = { $name } は停止された (行 { $line }) まま、再起動されていません
update-not-completed = `Done. Installation Complete.` の行がありません: インストールが完了していません
update-no-steps = 番号付きのステップがありません
update-last-step-not-ok = 最後のステップ ({ $step }、行 { $line }) が OK で終わっていません: `{ $text }`
update-step-missing = ステップ { $step } がステップ { $previous } の次にあります (行 { $line }): ステップが欠けています
update-step-reports = ステップ { $step } (行 { $line }) が `{ $text }` を報告しています
update-task-failed = 行 { $line } が失敗を報告しています: `{ $text }`
update-line-failed = 行 { $line } がエラーまたは失敗を報告しています: `{ $text }`
plain-update-not-done = `done` の行がありません: アップデートが完了していません

## verify-update's report

update-heading = { $path }: アップデート { $from } -> { $to }
update-from-unknown = (アップデート前のバージョンはログにありません)
update-to-unknown = (アップデート先はログにありません)
update-service-back = 行 { $stopped } で停止、行 { $started } で再起動
update-service-not-back = 行 { $stopped } で停止、再起動されていません
update-unrecognized = 認識できない行 { $line }: { $text }
update-ok = OK: すべてのサービスが再起動し、インストールが完了し、最後のステップは OK です
update-anomaly = 異常: { $anomaly }
update-claimed-by-several = { $vendors } のいずれもこれをアップデートログとして読みます: どのメーカーのものか判断できません
update-unreadable = ログを読み込めません: { $error }

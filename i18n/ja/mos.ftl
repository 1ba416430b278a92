# Japanese: the same ids and arguments as i18n/en/mos.ftl; terms as in i18n/glossary.toml.

mos-write-not-completed = `{ $command }` に完了応答がありません: 結果が不明なため、適用しませんでした
mos-read-not-completed = `{ $command }` に完了応答がありません: その後に続くものが応答ではない可能性があるため、読み込みませんでした
mos-answer-not-completed = `{ $command }` の応答に完了応答がないため、不完全な可能性があります (ログが途中で切れているか、ページャを途中で終了しています)
mos-write-printed = `{ $command }` が `{ $printed }` を出力しましたが、設定を書き込むコマンドはこれを出力しません: コマンドラインが端末の幅で切れた可能性があるため、適用しませんでした
mos-not-a-version = `{ $text }` はバージョンではありません
mos-version-printed-nothing = `version` が何も出力しませんでした
mos-value-wrapped = { $name } の値が端末の幅で折り返された可能性があります: { $next } 行目はその一部として読み込んでいません
mos-quoted-value-rejoined = 端末の幅で切れた引用符付きの値を { $next } 行目とつなぎ直しました: `{ $entry }`
mos-list-not-completed = `{ $command }` へのリストの応答に完了応答がないため、不完全な可能性があります: { $count } 件のエントリを追加しましたが、リスト全体はわかりません
mos-listing-cut = { $scope } の { $list } の一覧が、リストの値ではない `{ $first }` で始まっています: コマンドラインが端末の幅で切れた可能性があるため、この一覧は適用しませんでした
mos-update-not-confirmed = アップデート (update install) が確認されなかったため、何もインストールしていません
mos-not-a-valid-value = `{ $text }` は { $name } の有効な値ではありません。テキストとして保持します
mos-command-wrapped = コマンドラインの幅が { $width } 桁 (端末の幅) で、{ $next } 行目が応答ではありません: 端末がコマンドを折り返しています。`{ $command }` として読み込みました

# Japanese: the same ids and arguments as i18n/en/mos.ftl; terms as in i18n/glossary.toml.

mos-write-not-completed = `{ $command }` に完了応答がありません: 結果が不明なため、適用しませんでした
mos-read-not-completed = `{ $command }` に完了応答がありません: その後に続くものが応答ではない可能性があるため、読み込みませんでした
mos-answer-not-completed = `{ $command }` の応答に完了応答がないため、不完全な可能性があります (ログが途中で切れているか、ページャを途中で終了しています)
mos-write-printed = `{ $command }` が `{ $printed }` を出力しましたが、設定を書き込むコマンドはこれを出力しません: コマンドラインが端末の幅で切れた可能性があるため、適用しませんでした
mos-scope-not-in-prompt = { $line } 行目の `domain setcurrent { $domain }` で Delegated Domain を選択しましたが、このプロンプトには表示されていません: コマンドのとおり { $domain } のスコープで読み込みます
mos-exception-scope-in-domain = `{ $command }` は Delegated Domain { $domain } を選択したまま `{ $scope }` を指定しています: アプライアンスがこれを Delegated Domain のリストとするかシステムのリストとするかわからないため、読み込んでいません。Delegated Domain を選択していない状態で一覧表示してください
mos-upgrade-version-not-read = { $line } 行目の `update install` でリリース { $release } のモジュール { $file } をインストールしましたが、その後 `version` の応答がないままログが続いています: バージョンアップ前とバージョンアップ後に読み込んだ内容が 1 つのモデルにまとめられています。バージョンアップ後に `version` を実行するか、バージョンアップ後のキャプチャは別のログにしてください
mos-not-a-version = `{ $text }` はバージョンではありません
mos-version-printed-nothing = `version` が何も出力しませんでした
mos-version-more-than-release = `{ $answer }` をリリース { $version } と読みました: リリースの後に続きのある `version` の出力は公開資料にないため、続きの部分 (`{ $more }`: パッチ? ビルド?) は含めず、{ $version } とだけ出力された場合と同じリリースとしました。アプライアンスが { $version } で動いているか確認してください
mos-value-wrapped = { $name } の値が端末の幅で折り返された可能性があります: { $next } 行目はその一部として読み込んでいません
mos-quoted-value-rejoined = 端末の幅で切れた引用符付きの値を { $next } 行目とつなぎ直しました: `{ $entry }`
mos-value-rejoined = 端末の幅いっぱいの引用符なしのエントリを、そのアドレスの残りである { $next } 行目とつなぎ直しました (リストのエントリには `@` が 1 つあります): `{ $entry }`
mos-list-not-completed = `{ $command }` へのリストの応答に完了応答がないため、不完全な可能性があります: { $count } 件のエントリを追加しましたが、リスト全体はわかりません
mos-list-pager-quit = `{ $command }` へのリストの応答がページャのプロンプトで終わっているため、そこでページャを終了しています: { $count } 件のエントリを追加しましたが、リスト全体はわかりません
mos-listing-pager-quit = `{ $command }` への応答がページャのプロンプトで終わっているため、そこでページャを終了しています: 一覧のリスト全体はわかりません
mos-list-lines-unread = `{ $command }` へのリストの応答のうち { $lines } 行をエントリとして読めなかったため、リスト全体はわかりません: { $count } 件のエントリを追加しました
mos-listing-cut = { $scope } の { $list } の一覧が、リストの値ではない `{ $first }` で始まっています: コマンドラインが端末の幅で切れた可能性があるため、この一覧は適用しませんでした
mos-update-not-confirmed = アップデート (update install) が確認されなかったため、何もインストールしていません
mos-not-a-valid-value = `{ $text }` は { $name } の有効な値ではありません。テキストとして保持します
mos-command-wrapped = コマンドラインの幅が { $width } 桁 (端末の幅) で、{ $next } 行目が応答ではありません: 端末がコマンドを折り返しています。`{ $command }` として読み込みました

# What the MOS parsers note about a capture's syntax: data blocks and literals.

mos-data-block-unterminated = データブロックに終端の '.' 行がありません
mos-data-block-ends-with-key = データブロックに終端の '.' 行がありません: キーブロックで終わっています
mos-export-unsplittable = このエクスポートの行は語に分割できません
mos-export-unsplittable-expected = 引用符で囲んだ語が閉じていて、エスケープが \\ と \" だけのコマンド
mos-literal-overflow = リテラルは { $announced } バイトと予告していますが、入力には { $available } バイトしか残っていません
mos-literal-overflow-expected = 予告されたサイズのリテラル本体 (キャプチャが途中で切れていませんか?)
mos-literal-padded = リテラルは { $announced } バイトと予告しており、各行の末尾のパディングを除くと本体と一致します。値はパディングを除いて読み込みます
mos-literal-counted-another-way = リテラルは { $announced } バイトと予告しており、{ $way ->
        [0] アプライアンス自身の改行
        [1] アプライアンスのものとは別の改行
        [2] ファイルの文字コードではなく UTF-8 のバイト
       *[3] UTF-8 のバイトと別の改行
    }で数えた場合にのみ本体と一致します。予告のバイト数で読み込んだため、値の終わり方を確認してください
mos-literal-to-boundary = リテラルは { $announced } バイトと予告していますが、本体のどの行末とも一致しません。本体は次の完了応答またはプロンプトの行までとしました ({ $lines } 行)
mos-literal-to-sentinel = リテラルは { $announced } バイトと予告していますが、本体のどの行末とも一致しません。キーブロックは #@Mirapoint-Key-End までとしました
mos-literal-tab = リテラルの { $line } 行目がタブで終わっています。予告のバイト数どおり、値に含めています
mos-literal-pager-lines = リテラル内のページャのプロンプト行 { $count } 行 (`--More--`、最初は { $first } 行目) は値の一部ではありません

# How a person applies a restore script and captures the appliance again (the runbook).

mos-how-to-apply = バージョンアップが終わってアプライアンスが再起動したら、端末のログ記録を有効にして管理者としてその CLI にログインし、`{ $script }` を 1 行ずつ入力してください (貼り付けます)。`# ` (ハッシュとスペース) で始まる行は注記です。キーブロックの `#@Mirapoint` 行はキーの一部です。既にあるものを追加するコマンドは `NO` と応答することがありますが、問題ありません。
mos-how-to-recapture = 端末のログ記録を有効にして、バージョンアップしたアプライアンスをもう一度キャプチャしてください:

# Why a restore command is not written (a remark in the script).

mos-refused-line-break = { $placeholder } に改行が含まれています

# Why every capture holds a command (a remark above it in `carryover capture`'s commands).

mos-capture-why-version = バージョン: どのリリースノートが当てはまるか
mos-capture-why-licenses = ライセンス
mos-capture-why-updates = インストール済みのアップデートとパッチ
mos-capture-why-domains = Delegated Domain: それぞれが独自のスコープです
mos-capture-why-uce-exceptions = UCE の例外 (エクスポートと比べるため)

# What a MOS capture looks like, and what a reading of one rests on (in messages about what a
# file was read as).

mos-expects = Mirapoint MOS の CLI ログ (`rg01>` などのプロンプトと、`OK Completed` で応答されたコマンド)、管理プロトコルのトランスクリプト (タグ付きのコマンドと `a001 OK` の完了応答)、またはコンフィグのエクスポート (`smtp set fastpath on` のように 1 行に 1 コマンド)
mos-evidence-cli = プロンプトで完了応答まで応答されたコマンドが { $anchors } 個、空でない { $lines } 行のうち { $explained } 行を解釈
mos-evidence-protocol = タグ付きの完了応答があるタグ付きのコマンドが { $anchors } 個、空でない { $lines } 行のうち { $explained } 行を解釈
mos-evidence-export = 既知のコマンドまたはヘッダーのコメントが { $anchors } 個、空でない { $lines } 行のうち { $explained } 行を解釈

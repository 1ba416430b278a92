# Japanese: the same ids and arguments as i18n/en/unread.ftl; terms as in i18n/glossary.toml.
# Why a line did not become model data: the reason each note of a line not understood
# carries (`--unrecognized` lists the lines).

unread-st-list-line = リストの行は、エントリと、それに続く省略可能なコメントです
unread-st-list-entry-space = リストのエントリに空白は含まれません
unread-st-hostname = 1 行にホスト名だけを書きます
unread-st-not-a-list-file = リストのファイルではありません: リストの名前は allow、allowlist、whitelist、block、blocklist、blacklist (.txt, .csv または .xml) か、Global Whitelist のような UI のラベルです。別の名前のコピーは実際のリストには統合しません
unread-st-unknown-file = SpamTitan のキャプチャ内の、種類が不明なファイル
unread-st-not-a-version = バージョンではありません
unread-st-update-log-line = アップデートログの行ではありません
unread-st-list-level = リストは global/ (全体)、domain/<domain>/ (ドメイン)、user/<address>/ (ユーザ) のいずれかにあります
unread-st-domain-list = ドメインリスト (GET /restapi/domains) は、それぞれが `domain` を持つオブジェクトの配列です。これは読み込みません
unread-st-value-type = 設定の型に合わない値
unread-st-csv-row = ドメインの行にはドメインと宛先が必要です
unread-st-csv-verification = 検証方式は none、dynamic、LDAP のいずれかです (ドメインとその宛先は読み込みますが、検証の設定は読み込みません)
unread-st-xml-element = リストの応答のうち、エントリではない要素 (エントリは `sender` 要素です)
unread-mos-preamble = 最初のコマンドより前のテキスト
unread-mos-greeting = グリーティングにホストの名前がありません
unread-mos-stray = どのコマンドにも属しません
unread-mos-header-version = ヘッダーのバージョンがバージョンではありません
unread-mos-aborted = ^C で中断されました: 実行されていません
unread-mos-command-words = コマンドを語に分割できません
unread-mos-refused = アプライアンスがコマンドを拒否しました
unread-mos-wrong-arguments = 引数の数が合わない既知のコマンド (未加工の項目として保持)
unread-mos-read-not-completed = 完了応答のない、読み取りコマンドの応答
unread-mos-write-output = 設定を書き込むコマンドの出力: 切れたコマンドラインの残りかもしれません
unread-mos-list-value = リストの値 (アドレスまたはドメイン) ではありません
unread-mos-answer-words = 応答の行を語に分割できません
unread-mos-key-line = キーブロックのないキーの行
unread-plain-not-a-version = バージョンではありません
unread-plain-not-a-setting = `scope.name = value` ではありません
unread-mos-not-a-version = `version` の応答の行がバージョンではありません
unread-mos-version-extra-line = `version` の応答の 2 行目以降です (バージョンを示すのは 1 行目だけです)

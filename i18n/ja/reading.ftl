# Japanese: the same ids and arguments as i18n/en/reading.ftl; terms as in i18n/glossary.toml.
# What reading says about a capture's bytes, line ends and look-alike characters, and about the
# SpamTitan files it reads in another form than the expected one.

reading-telnet-removed = telnet のネゴシエーション (nc や socat の生のキャプチャ) { $count } バイトを、文字コードを判定する前に取り除きました
reading-cr-line-ends = すべての行が CR だけで終わっています (Excel for Mac が保存する旧 Mac の改行): その { $count } 個をすべて改行として読みました
reading-bom-seam = この行の先頭に BOM があります: ここで 2 つのファイルが連結されています (`cat a.log b.log` のように)。BOM は取り除きました
reading-bom-inside-line = この行の途中に BOM があります: 2 つのファイルの行がここでつながっています (最初のファイルが改行で終わっていません)。BOM は取り除きました
reading-lone-cr = 引用符の外で、行の途中に CR があります
reading-lone-cr-expected = 改行 (CR LF、LF、またはすべての行で CR だけ) または引用符で囲んだフィールド
reading-lookalike-value = このコマンドラインの紛らわしい文字 (ノーブレークスペースや全角スペース、全角英字) を ASCII として読んだため、値が変わりました: 意図した値か確認してください
reading-st-empty-file = 空のファイルです (ダウンロードの失敗?): キャプチャされていません。何も読まず、このファイルのリストやドメインは空とはみなしません
reading-st-copy-read-as = `{ $file }` を、キャプチャにない `{ $original }` として読みました (ブラウザや Windows が付けるコピーの名前)
reading-st-copy-same = `{ $file }` は `{ $original }` と同じバイト列です: 1 回だけ読みました
reading-st-copies-differ = `{ $file }` と `{ $original }` は同じキャプチャのファイルの 2 つの形ですが、内容が違います: 正しい方を残し、もう一方を削除してください
reading-st-list-entry-form = リストのエントリではありません: エントリは `name@domain`、`@domain`、`@.domain` (ドメインとそのサブドメイン)、`@*.domain` またはドメインで、DNS の形式で書きます
reading-st-entries-joined = 1 行に { $count } 個のエントリがあります (1 行に貼り付けたリスト): それぞれをエントリとして読みました
reading-st-versions = バージョン 1 つのはずの場所に { $count } 行あります ({ $versions }): アプライアンスが動かすバージョンは 1 つです。動いているバージョンの行だけを残してください
reading-mos-second-export = ここから 2 つ目のエクスポートが始まります (2 つのエクスポートを 1 つのファイルに連結したもの): 両方が同じ設定をしている場合、後の方の値を読みました
reading-mos-value-more-lines = リテラルの外にある `{ $name }` の応答の続きの行です: 最初の行を値として読み、この行は値に含めていません
reading-mos-value-unread = `{ $name }` の応答を値として読めませんでした (リテラルの外で複数行にわたる値?): この設定はキャプチャされていないものとして扱います。その行は --unrecognized で一覧できます
reading-encoding-ambiguous = 文字コードを判別できません: { $candidates } のどれで読んでも日本語になり、内容が異なります。{ $chosen } として読みました。正しい文字コードを --encoding で指定してください
reading-near-miss = この行は読んでいませんが、{ $what ->
        [command] カタログにあるコマンド
        [prompt] プロンプト
       *[entry] リストのエントリ
    }に似ています: 意図したものがここで失われていないか確認してください (--unrecognized でこの行を一覧できます)
reading-st-file-near-miss = `{ $file }` は読んでいませんが、キャプチャのファイル `{ $known }` と名前がほとんど同じです: その内容であれば名前を変えてください
reading-line-not-replayed = { $limit } バイトを超える { $count } 行に、再生しなかった端末の行編集があります (最初の行はここ): エスケープを含め、そのまま読みました

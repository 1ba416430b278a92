# Japanese: the same ids and arguments as i18n/en/lookalikes.ftl; terms as in i18n/glossary.toml.

reading-mos-entry-lookalike = このリストのエントリの紛らわしい文字 (全角の `＠`、ゼロ幅スペースやノーブレークスペース) を ASCII として読みました: `{ $entry }`。意図したエントリか確認してください
reading-mos-entry-pasted = このリストのエントリは貼り付けた形をしています ({ $shape ->
        [mailto] アドレスの前に `mailto:`
        [display-name] アドレスを囲む表示名
        [bullet] 前に箇条書きの記号
        [joined] `;` や `,` でつないだ複数のエントリ
       *[space] 途中に空白
    }): `{ $entry }` をアプライアンスが保持するとおりに残しました。意図したエントリか確認してください
reading-mos-entries-lookalike = リスト `{ $list }` の { $count } 件のエントリに紛らわしい文字 (全角の `＠`、ゼロ幅スペースやノーブレークスペース) があり、いずれも ASCII として読みました。最初のエントリは `{ $first }` と読みました。意図したエントリか確認してください
reading-mos-entries-pasted = リスト `{ $list }` の { $count } 件のエントリが貼り付けた形をしています ({ $shape ->
        [mailto] アドレスの前に `mailto:`
        [display-name] アドレスを囲む表示名
        [bullet] 前に箇条書きの記号
        [joined] `;` や `,` でつないだ複数のエントリ
       *[space] 途中に空白
    })。最初のエントリは `{ $first }` です。いずれもアプライアンスが保持するとおりに残しました。意図したエントリか確認してください
reading-mos-entry-trimmed = このリストエントリの前後の空白を取り除き、`{ $entry }` として読みました。アプライアンスは空白付きのまま保持している可能性があり、その場合は何にも一致しません。`@example.com` のようなエントリだけならドメイン全体に一致します。意図したエントリか確認してください
reading-mos-entries-trimmed = リスト `{ $list }` の { $count } 件のエントリの前後の空白を取り除きました。最初のエントリは `{ $first }` と読みました。アプライアンスは空白付きのまま保持している可能性があり、その場合は何にも一致しません。`@example.com` のようなエントリだけならドメイン全体に一致します。確認してください
reading-mos-export-unnamed = このエクスポートには `# host:` の行がありません (ヘッダーが切れていますか?): どのアプライアンスのものか分からないため、ほかのキャプチャと同じアプライアンスか確認できません
reading-skipped-capture-near-miss = スキップしました: { $how ->
        [archive] アーカイブ
       *[hidden] 隠しファイル
    }ですが、`{ $file }` はキャプチャの名前 (`{ $capture }`) をしています: キャプチャであれば{ $how ->
        [archive] 展開して
       *[hidden] 先頭のドットを外した名前にして
    }読み込んでください
reading-mos-list-name-lookalike = このコマンドが指定するスコープまたはリスト名の紛らわしい文字 (全角英字、ゼロ幅スペースやノーブレークスペース) を ASCII として読み、リスト `{ $scope }/{ $list }` としました。意図したリストか確認してください

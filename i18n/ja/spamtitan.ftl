# Japanese: the same ids and arguments as i18n/en/spamtitan.ftl; terms as in i18n/glossary.toml.
# Japanese has no plural forms: where the English selects a word by `$count`, one word serves.

st-folder-url-encoded = フォルダ名 `{ $name }` は URL エンコードされています: `{ $decoded }` として読み込みました
st-list-in-files = `{ $scope }` の { $list } リストが { $count } 個のファイルに分かれています ({ $files }): { $entries } 件のエントリからなる 1 つの集合として読み込みました ({ $read } 件を読み込み)
st-list-domain-not-exported = { $list } リストにドメイン `{ $scope }` がありますが、ドメインのエクスポート (domains.csv) にはありません: このドメインはこのリストからのみわかります
st-domains-one-page = ドメイン一覧の応答は、ページ分割されたリストの 1 ページです: ほかのページのドメインは含まれていません
st-data-envelope = 応答が `data` エンベロープに包まれています: その中身を読み込みました
st-data-envelope-status = 応答が `data` エンベロープ (ステータス { $status }) に包まれています: その中身を読み込みました
st-coerced = `{ $name }`: { $json } を { $value } として読み込みました
st-csv-delimiter = 列の区切り文字が { $name } です: そのとおりに読み込みました
st-csv-padded = { $count } 行の末尾に空の列があります (表計算ソフトが保存する形): 無視しました
st-csv-no-verification = `{ $domain }` に検証方式 (verification) の列がありません: 検証の設定はキャプチャされていません
st-csv-unread-columns = `{ $domain }` (検証方式 { $verification }): 列 { $columns } は、この検証方式に該当する設定のない値か、形式の 10 列より後ろにあります: 読み込みませんでした
st-entries-normalised = 別の形で書かれた { $count } 件のエントリを 1 つの形で読み込みました (ドメインは小文字の ASCII、ローカルパートは小文字)。例: `{ $from }` を `{ $to }` として

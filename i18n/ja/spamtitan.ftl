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
st-csv-not-a-domain-name = `{ $domain }` はドメイン名ではありません (英数字とハイフンのラベルをドットでつないだもの): ファイルのとおりに残します。このファイルから戻す前にファイルを確認してください
st-entries-normalised = 別の形で書かれた { $count } 件のエントリを 1 つの形で読み込みました (ドメインは小文字の ASCII、ローカルパートは小文字)。例: `{ $from }` を `{ $to }` として

# Errors of a REST API answer (api/*.json).

st-json-empty = REST の応答 (JSON) があるべきところが空のファイルです
st-json-invalid = 有効な JSON ではありません: { $reason }
st-json-expected = 受け取ったまま保存された REST API の応答
st-json-not-an-answer = SpamTitan の REST の応答のキーを 1 つも持たない JSON ファイルです: この名前で単独に保存されたものなら `{ $resource }` の応答ですが、carryover はそのキーを知りません。想定しているのは、応答する対象の名前で受け取ったまま保存された REST API の応答 (ドメインの `<domain>.json` で `domain` と `destination` を持つもの、その `policy.json` や `auth.json`、ドメインのリスト `domains.json`)、またはキャプチャのフォルダ全体です
st-json-not-an-answer-keys = SpamTitan の REST の応答のキーを 1 つも持たない JSON ファイルです: この名前で単独に保存されたものなら `{ $resource }` の応答で、そのキーは { $keys } です。想定しているのは、受け取ったまま保存された REST API の応答、またはキャプチャのフォルダ全体です
st-api-error-answer = REST API のエラー応答 ({ $details }) で、設定ではありません: キャプチャした時点で、この呼び出しは設定を返していません。応答を保存し直してください
st-api-error-answer-keys = REST API のエラー応答 ({ $keys } のみ) で、設定ではありません: キャプチャした時点で、この呼び出しは設定を返していません。応答を保存し直してください
st-api-status-answer = ステータスのキーだけの応答 ({ $details }) で、設定ではありません: キャプチャした時点で、この呼び出しは設定を返していません。応答を保存し直してください
st-api-status-answer-keys = ステータスのキーだけの応答 ({ $keys } のみ) で、設定ではありません: キャプチャした時点で、この呼び出しは設定を返していません。応答を保存し直してください

# Errors of a capture folder and its files.

st-folder-contradicts = キャプチャの中で { $count } か所が食い違っています:
st-folder-unreadable = このキャプチャのファイル { $count } 個を読み込めませんでした ({ $read } 個を読み込み):
st-folder-loop = 上位のフォルダへ戻るリンクのフォルダです: たどりません
st-version-empty = アプライアンスが出力するバージョン (例: `7.08`) があるべきところが空のファイルです: バージョンはキャプチャされていません

# The by-hand template (by-hand.txt): settings copied from the web console.

st-by-hand-not-name-value = `name = value` ではありません
st-by-hand-unknown = `{ $name }` はテンプレートの設定ではありません (既知の設定: { $known })
st-by-hand-twice = `{ $key }` が 2 回指定されています
st-by-hand-unfilled = `{ $key }` が記入されていません (`{ $value }` のまま): キャプチャしていません
st-by-hand-expected = 手入力テンプレートの行: キャプチャスクリプトが書いたとおりの `name = value`
st-by-hand-empty = `name = value` の行が 1 つもない手入力テンプレートです: キャプチャスクリプトで書き直し、記入してください
st-by-hand-not-filled = 手入力テンプレートが記入されていません: どの設定もキャプチャされていません
st-by-hand-not-yes-no = `{ $value }` は yes でも no でもありません
st-by-hand-space = `{ $value }` に空白が含まれています: ホストか名前を 1 つだけ指定します
st-by-hand-commas = `{ $value }`: 項目はカンマで区切ります
st-by-hand-not-role = `{ $value }` はクラスタのロールではありません: primary、secondary、standalone のいずれかです

# The legacy API's XML answers to list calls (lists/**/*.xml).

st-xml-not-well-formed = 整形式の XML ではありません: { $reason }
st-xml-cut = 応答が `<{ $name }>` の途中で終わっています: 途中で切れています
st-xml-second-root = 2 つ目のルート要素 `{ $name }`
st-xml-decoding = { $reason }
st-xml-unknown-entity = 不明な実体参照 `&{ $name };`
st-xml-root = ルート要素が `response` ではなく `{ $root }` です
st-xml-list-contradicts = 応答の要素 `<{ $element }>` は { $named } リストであることを示していますが、ファイル名は { $list } リストを示しています: どちらのリストとしても読み込みません。各リストの応答はそれぞれの名前 ({ $named }.xml) で保存してください
reading-st-hash-entry = `{ $entry }` は `#` で始まりますが、アドレスとして正しい形です (`#` はアドレスに使える文字です): コメントではなくエントリとして読み込みました。リストに入れないつもりなら、その行を削除してください
st-domain-exports-differ = `{ $other }` のほかにもう 1 つドメインのエクスポートがあり、内容が違います: エクスポートはどれもすべてのドメインを並べるため、アプライアンスのものはどちらか一方だけです (古いエクスポートを読むと、その後に変えたドメインや値が元に戻ります)。最新のエクスポートだけをキャプチャに残し、もう一方はフォルダの外へ移してください
st-setting-contradicts = `{ $scope }`: `{ $name }` はここでは `{ $value }` ですが、{ $other } では `{ $other_value }` です: アプライアンスの値がどちらかは判断できません。古い方を直すか削除してください
st-version-behind-update-log = ここではバージョンが { $version } ですが、アップデートのログ { $log } には { $to } へのアップデートの完了が記録されています: キャプチャにアップデート前と後の時点が混ざっています。バージョンは { $version } として読み込みました。バージョンアップを計画する前に、アプライアンスがどちらのバージョンで動いているかを確認してください
st-xml-expected = 受け取ったまま保存された、リスト取得の呼び出しへの旧 API の XML 応答
st-xml-stat-failed = 旧 API が stat { $stat } を返しました: 呼び出しが失敗したため、このリストはキャプチャしていません (空のリストとは見なしません)
st-xml-stat-failed-errors = 旧 API が stat { $stat } を返しました: { $errors }: 呼び出しが失敗したため、このリストはキャプチャしていません (空のリストとは見なしません)
st-xml-no-stat = 応答に stat (ok または fail) がありません: このリストはキャプチャしていません
st-csv-not-a-row = CSV の行ではありません: { $reason }
st-update-log-grammar = アップデートログの文法: { $reason }

# How a person applies a restore script and captures the appliance again (the runbook).

st-how-to-apply = アップデートが終わったら、アプライアンスの Web インターフェースに届くマシンから、Web UI (`Settings > Access/Authentication`) で作った REST API トークンを使ってスクリプトを実行してください。まず、何をするかを確認します:

    ```sh
    ST_HOST=<appliance> ST_TOKEN=<REST API token> bash { $script } --dry-run
    ```

    次に、実際に実行します:

    ```sh
    ST_HOST=<appliance> ST_TOKEN=<REST API token> bash { $script }
    ```

    `#` で始まる行は注記です。失敗した呼び出しがあるとスクリプトはそこで止まります。
st-how-to-recapture = バージョンアップしたアプライアンスをもう一度キャプチャしてください: `carryover capture --vendor spamtitan` が出力するスクリプトを実行し、フォルダの by-hand.txt を Web コンソールから記入して、フォルダを保管します。

# Why a restore command is not written (a remark in the script).

st-refused-not-a-segment = `{ $scope }` は URL のパスセグメントにできません
st-refused-too-long = { $bytes } バイトの名前はドメインではありません
st-refused-no-fields = 値が呼び出しのどのフィールドにも当てはまりません

# What a SpamTitan capture folder was found to hold (in messages about what it was read as).

st-evidence-lists = グローバル、ドメインまたはユーザのリストがある lists/
st-evidence-api = REST の応答がある api/
st-evidence-version = バージョンのファイル
st-evidence-version-name = version.txt という名前のファイル (バージョンは読めません)
st-evidence-domains = ドメインの行がある domains CSV
st-evidence-domains-name = domains.csv という名前のファイル (ドメインの行はありません)
st-evidence-update-log = アップデートのログ
st-evidence-hostname = ホスト名のファイル
st-evidence-file-name = SpamTitan のキャプチャのファイル名
st-evidence-rest-answer = `{ $resource }` の応答のキーを持つ REST の応答 ({ $keys })
st-evidence-domain-list = ドメインを並べた REST の応答
st-evidence-json-name = JSON ファイルですが、SpamTitan の REST の応答のキーがありません

# Japanese: the same ids and arguments as i18n/en/fetch.ftl; terms as in i18n/glossary.toml.
# An argument may be another message (`{ $error }`, `{ $reason }`), put in words first. Text
# arguments quote appliances: the whole line is made safe once, where it is written.

## Said on standard error before the run, before any secret is asked for.

fetch-warning-insecure = 警告: --insecure: 証明書を確認しないため、アプライアンスになりすまして応答した者にパスワードやトークンが渡ります
fetch-warning-plaintext = 警告: --plaintext: パスワードやトークンが暗号化されずにネットワークを流れます

## Said on standard error after the run.

fetch-appliance-failed = { $host }: エラー: { $error }
fetch-track-failed = carryover: --track: { $error }
fetch-commit-failed = carryover: --commit: { $error }

## The report.

fetch-fetched = { $host } を { $path } に取得しました: { $lines } 行、解釈できない行 { $not_understood }、キャプチャされなかったもの { $not_captured }
fetch-tracked = { $path } を追跡しました
fetch-track-summary = track: 書き込み { $written }、変更なし { $unchanged }、失敗 { $failed }
fetch-not-captured = キャプチャされなかったもの: { $what }
fetch-committed = コミットしました: { $subject }
fetch-nothing-committed = commit: 変更がないため、コミットしませんでした
fetch-nothing-committed-secrets = commit: track が比較するものに変更がないため、コミットしませんでした。秘密情報は比較していません
fetch-summary = fetch: アプライアンス { $total } 台中 { $fetched } 台を取得、{ $failed } 台が失敗。キャプチャされなかったコマンドまたは呼び出し { $missing } 件

## Errors of the layers below, inside a fetch's error.

fetch-error-at = { $path }:{ $line }:{ $column }: { $error } (想定: { $expected })
fetch-error-in = { $path }: { $error }
fetch-error-with-cause = { $error }: { $cause }
fetch-error = { $error }

## Secrets and the inventory.

fetch-secret-file-readable = シークレットを保持していますが、ほかのユーザも読める状態です (モード { $mode }): chmod 600 してください
fetch-secret-file-not-a-file = ファイルではありません
fetch-secret-file-empty = 空です: 1 行目にシークレットを書きます
fetch-env-variable = 環境変数 { $name }
fetch-env-variable-unnamed = 指定された環境変数 (名前に見えないため表示しません)
fetch-secret-env-empty = { $variable } が空です
fetch-secret-env-not-set = { $variable } が設定されていません (または UTF-8 ではありません)
fetch-inventory-not-csv = CSV ではありません: { $reason }
fetch-inventory-too-many-fields = フィールドが { $count } 個ありますが、インベントリの行は最大 5 個 (ホスト、メーカー、ポート、ユーザ、認証情報の参照) です: host,vendor,port,user,credential-ref
fetch-inventory-host-empty = ホストが空です
fetch-inventory-not-a-port = `{ $port }` はポートではありません
fetch-inventory-not-a-reference = 認証情報の列が env:NAME (環境変数) でも file:PATH (ファイル) でもありません (パスワードかもしれないため、内容は表示しません。インベントリは認証情報を参照するもので、保持するものではありません)
fetch-inventory-listed-twice = `{ $host }` が 2 回記載されています (最初は { $first } 行目)
fetch-inventory-empty = アプライアンスのリストが空です
fetch-not-a-host = `{ $host }` はホスト名でもアドレスでもありません

## Connections, TLS and answers.

fetch-cannot-resolve = { $host } の名前解決ができません: { $reason }
fetch-connect-timeout = ポート { $port } に接続できません: { $wait } 以内に応答がありません
fetch-connect-failed = ポート { $port } に接続できません: { $reason }
fetch-no-address = { $host } に対応するアドレスがありません
fetch-port-io = ポート { $port }: { $reason }
fetch-tls = TLS: { $reason }
fetch-tls-bad-name = `{ $host }` は TLS で確認できるホスト名ではありません
fetch-tls-timeout = ポート { $port } の TLS: { $wait } 以内に応答がありません (平文のポートですか? それなら --plaintext)
fetch-tls-untrusted = ポート { $port } の TLS: アプライアンスの証明書が信頼されていません ({ $reason })。{ $ca ->
        [given] --ca で指定した証明書で署名されていないか、別のホストの名前になっています
       *[none] --ca FILE で証明書かその CA を指定してください (リスクを承知のうえなら --insecure)
    }
fetch-tls-closed = ポート { $port } の TLS: TLS ハンドシェイク中にアプライアンスが接続を閉じました
fetch-tls-failed = ポート { $port } の TLS: { $reason }
fetch-tls-not-tls = ポート { $port } の TLS: 応答が TLS ではありません ({ $reason })。平文のポートですか? それなら --plaintext か、TLS のポートを指定してください
fetch-ca-unusable = { $path }: 使える証明書ではありません: { $reason }
fetch-ca-unreadable = { $path }: 証明書を読み込めません: { $reason }
fetch-ca-empty = { $path }: PEM 証明書 (-----BEGIN CERTIFICATE-----) がありません
fetch-answer-too-long = 応答が時間内に終わりません: アプライアンスが送信し続けています
fetch-answer-silent = アプライアンスが { $wait } の間、何も送信しませんでした
fetch-connection-broke = 接続が切れました: { $reason }
fetch-read-failed = 応答の読み込み中: { $reason }
fetch-session-too-large = アプライアンスが 1 つのセッションで { $limit } バイトを超えて送信しました
fetch-closed-mid-line = アプライアンスが行の途中で接続を閉じました
fetch-line-too-long = アプライアンスが { $limit } バイトより長い行を送信しました
fetch-literal-too-large = アプライアンスが { $size } バイトのリテラルを予告しました。上限の { $limit } バイトを超えています
fetch-closed-mid-literal = アプライアンスが { $size } バイトのリテラルの { $read } バイト目で接続を閉じました
fetch-takes-no-input = アプライアンスがこれ以上の入力を受け付けません
fetch-send-failed = コマンドの送信中: { $reason }
fetch-closed-mid-answer = アプライアンスが応答の途中で接続を閉じました

## What each vendor's fetcher says.

fetch-greeting-bad-name = グリーティングが示すアプライアンスの名前が正しくありません: { $reason }
fetch-no-password = パスワードが指定されていません
fetch-no-user = ユーザが指定されていません (--user)
fetch-at-command = `{ $command }`: { $error }
fetch-refused = `{ $command }`: 拒否されました: { $reason }
fetch-not-sent-control = `{ $command }`: 制御文字を含むため、送信しませんでした
fetch-mos-password-line-break = パスワードに改行が含まれています。admin プロトコルでは送信できません
fetch-mos-domain-list-refused = `{ $command }` が拒否されました: ドメインリストがないと Delegated Domain をキャプチャできません。何も書き込んでいません
fetch-mos-tls-hint = { $error } (--plaintext 指定時: TLS のポートですか? それなら --plaintext を外してください)
fetch-mos-closed-before-greeting = グリーティングの前にアプライアンスが接続を閉じました
fetch-mos-port-is-tls = このポートは TLS で応答します: --plaintext を外してください
fetch-mos-not-a-greeting = admind のグリーティング (`* OK <host> admind <version>`) ではありません: `{ $line }`
fetch-mos-login-refused = `{ $user }` としてのログインが拒否されました: { $reason }
fetch-mos-completion-unreadable = アプライアンスの完了応答の行を読み取れません
fetch-mos-stray-line = アプライアンスが、`* { $tag } ...` のデータでも `{ $tag }` の完了応答でもない行で応答しました: `{ $line }`
fetch-mos-read-back = ここまでの応答を読み込み直せません: { $error }
fetch-mos-control-character = アプライアンスが行の中で制御文字 ({ $byte }) を送信しました: これを含むトランスクリプトは、送信された内容どおりには読み込めません
fetch-plain-no-greeting = アプライアンスから plain のグリーティングがありませんでした
fetch-plain-send-failed = 送信できません: { $reason }
fetch-plain-not-utf8 = アプライアンスが UTF-8 ではない行を送信しました
fetch-plain-control-character = アプライアンスが制御文字 ({ $byte }) を送信しました
fetch-plain-login-words = plain のログインは、ユーザ 1 語とパスワード 1 語です
fetch-plain-login-refused = ログインが拒否されました: { $reason }
fetch-plain-login-no-answer = ログインに応答がありませんでした
fetch-plain-hung-up = アプライアンスが応答の途中で切断しました
fetch-st-redirect = { $code } (リダイレクト。追従しません)
fetch-st-forbidden = 403 (このトークンには許可されていません)
fetch-st-busy = { $code } ({ $tries } 回試してもビジーのままです)
fetch-st-status = { $code }
fetch-st-too-large = 応答が { $limit } バイトを超えています
fetch-st-no-token = API トークンが指定されていません: SpamTitan の REST API には必要です
fetch-st-token-not-header = API トークンに HTTP ヘッダーで送れない文字 (空白、改行、ASCII 以外の文字) が含まれています: 指定の仕方を確認してください
fetch-st-token-refused = { $call } で API トークンが拒否されました (401): Web UI の Settings > User Management > RestAPI Keys (設定 > ユーザ管理 > REST API キー) で新しいトークンを作成してください
fetch-st-no-answer = { $call }: { $wait } 以内に応答がありません
fetch-st-connect-timeout = ポート { $port } に接続できません: { $wait } 以内に応答がありません ({ $reason })
fetch-st-cannot-resolve = ホスト名を解決できません
fetch-st-connect-failed = ポート { $port } に接続できません
fetch-st-not-http = { $call }: 応答が HTTP ではありません ({ $reason })
fetch-st-call-broke = { $call } (ポート { $port }): { $reason }
fetch-st-tls-failed = ポート { $port } の TLS: { $reason } (平文のポートですか? それなら --plaintext)
fetch-st-not-a-capture-folder = { $path } が存在しますが、キャプチャのフォルダではありません: 置き換えません
fetch-reason = { $reason }
fetch-st-not-a-host = `{ $host }` はホスト名でも IP アドレスでもありません
fetch-st-version-by-hand = { $reason }。バージョンを version.txt に手で書いてください
fetch-st-domains-forbidden = GET { $path } で API トークンが拒否されました (403): このトークンではドメインを読めない可能性があります
fetch-st-domains-failed = GET { $path }: { $reason }: ほかのすべての呼び出しにドメインリストが必要です
fetch-st-call = { $call }: { $reason }
fetch-st-domain-not-plain = { $call }: ドメイン名 "{ $name }" は単純なドメイン名 (英字、数字、ドット、ハイフン) ではありません: どの呼び出しにも使いません
fetch-st-missed = { $call }: { $reason }{ $inferred ->
        [yes] {" "}(推測した呼び出し)
       *[no] {""}
    }
fetch-st-not-json = 応答が JSON ではありません ({ $reason })
fetch-st-not-legacy-xml = 応答が旧 API の XML ではありません
fetch-st-call-failed = 呼び出しが失敗しました
fetch-st-no-version = 応答に `version` も `revision` もありません
fetch-st-version-not-one-line = バージョン "{ $version }" が 1 行の短い文字列ではありません
-st-domain-list-shape = ドメインのリスト (配列) か、`data` がそのリストであるオブジェクト (各ドメインは、`domain` か `name` で名前を示すオブジェクト)
fetch-st-domains-not-json = 応答が JSON ではありません ({ $reason })。ドメインリストとして想定しているのは、{ -st-domain-list-shape }です
fetch-st-domains-unexpected = ドメインリストとして想定しているのは、{ -st-domain-list-shape }ですが、{ $shape } でした
fetch-st-domains-bad-entry = エントリ { $entry } は { $shape } です。ドメインリストとして想定しているのは、{ -st-domain-list-shape }です
fetch-st-domains-page-of = 応答にはドメイン { $total } 件中 { $given } 件 (1 ページ分) しかありません: 残りはキャプチャされていません
fetch-st-domains-one-page = 応答は複数ページのうちの 1 ページです (ドメイン { $given } 件): 残りはキャプチャされていません
fetch-st-shape = { $shape ->
        [null] null
        [boolean] 真偽値
        [number] 数値
        [string] 文字列
        [array] 配列
        [empty-object] 空のオブジェクト
       *[object] { $keys } を持つオブジェクト
    }

## The run: which appliances, with which vendor and credentials, and what became of each.

fetch-inventory-at = { $path }:{ $line }: { $error }
fetch-inventory-user = インベントリのユーザ
fetch-list-semicolon = { $first }。{ $rest }
fetch-list-and = { $first } と { $rest }
fetch-vendor-takes = { $vendor } は { $user ->
        [yes] {"--user と、"}
       *[no] {""}
    }{ $kind ->
        [password] --password-env か --password-file
       *[api-token] --token-env
    } を使います
fetch-which-vendor = { $host }: どのメーカーですか? { $why }: { $inventory ->
        [yes] --vendor ({ $vendors }) か、インベントリの vendor 列で指定してください
       *[no] --vendor ({ $vendors }) で指定してください
    }
fetch-which-vendor-none-fits = { $given } を同時に受け付けるメーカーのログインはありません
fetch-which-vendor-unclear = 指定された認証情報からは判断できません
fetch-cannot-start-workers = ワーカーを { $jobs } 個起動できません: { $reason }
fetch-same-capture = { $other } も `{ $name }` のキャプチャに書き込まれることになります: 2 台のアプライアンスで 1 つのキャプチャは共有できません。どちらからも取得していません
fetch-written-unreadable = { $path } を書き込みましたが、読み込めません: { $error }
fetch-written-other-vendor = { $path } を書き込みましたが、{ $vendor } のキャプチャとして読み込まれます
fetch-no-configuration = キャプチャにはアプライアンスを識別する情報しかなく、設定、リスト、メッセージ、キー、ライセンス、アップデートのいずれもありません (キャプチャされなかったもの { $missing })。{ $staged ->
        [yes] 何も書き込んでいません
       *[no] キャプチャは { $path } にあります
    }
fetch-answered-as-same = この fetch の別のホストも `{ $name }` として応答しました: キャプチャを区別できません
fetch-git-cannot-run = git を実行できません: { $reason }
fetch-git-failed = git { $command } が失敗しました: { $said }

## The command line: flag help and the prompt for a secret.
## Japanese says what is read, then where from: `{ $secret }: { $from }から読み込みます`.

fetch-help-taken-by = { $what } ({ $vendors })
fetch-help-taken-by-none = { $what } (対応するメーカーはありません)
fetch-help-user = ログインするユーザ
fetch-help-secret = { $kind ->
        [password] パスワード
       *[api-token] API トークン
    }
fetch-help-secret-from = { $secret }: { $from }から読み込みます
fetch-help-from-env = この環境変数
fetch-help-from-file = 所有者だけが読めるこのファイルの 1 行目
fetch-help-port-of = { $vendor }: TLS で { $tls }、平文で { $plaintext }
fetch-help-port = ポート。メーカーのデフォルトと異なる場合に指定します ({ $ports })
fetch-seconds-not-a-number = `{ $text }` は秒数ではありません
fetch-seconds-range = 0.05 秒から 3600 秒までです
fetch-prompt-user = { $kind ->
        [password] パスワード
       *[api-token] API トークン
    } ({ $vendor } アプライアンスの { $user }):
fetch-prompt = { $kind ->
        [password] パスワード
       *[api-token] API トークン
    } ({ $vendor } アプライアンス):
fetch-prompt-failed = { $kind ->
        [password] パスワード
       *[api-token] API トークン
    }を読み込めません: { $reason }
fetch-progress-unit = アプライアンス

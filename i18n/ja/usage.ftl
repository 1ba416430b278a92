# Japanese: the same ids and arguments as i18n/en/usage.ftl; terms as in i18n/glossary.toml.
# Arguments are filled in as they are: the whole error is made safe for the terminal once.

## diff

usage-diff-arguments = diff に指定するのは OLD NEW、--old FILE... --new FILE...、または git が渡す 7 個の引数です
usage-diff-color-format-conflict = --color always と human 以外の --format は同時に指定できません: 色が付くのは human の出力だけです
usage-diff-stat-unified-conflict = --stat と --format unified は同時に指定できません: unified 形式の diff には件数がありません
usage-diff-both-sides-empty = diff の両側がどちらも空です
usage-diff-ignore-pattern = --ignore { $pattern }: { $reason }
usage-diff-ignore = --ignore: { $reason }

## fetch

usage-fetch-no-secret-given-not-terminal = { $host }: { $kind ->
        [password] パスワード
       *[api-token] API トークン
    }が指定されていません: { $kind ->
        [password] --password-env か --password-file
       *[api-token] --token-env
    } か、インベントリの認証情報の参照を使ってください
usage-fetch-no-secret-given = { $kind ->
        [password] パスワード
       *[api-token] API トークン
    }が指定されていません
usage-fetch-into-track-separate = --into { $into } と --track { $repo } は別々のフォルダにしてください: 一方がもう一方の中にあってはいけません
usage-fetch-flag-taken-by-none = { $flag } を使う、取得対象のアプライアンスがありません: { $wanted }
usage-fetch-unknown-vendor = { $host }: メーカー `{ $name }` は不明です ({ $vendors })
usage-fetch-cannot-fetch-from = carryover は { $vendor } のアプライアンスからは取得できません
usage-fetch-no-user = { $host }: ログインするユーザがありません: --user か、インベントリの user 列で指定してください

## generated text

usage-generated-no-subcommand = サブコマンド `{ $name }` はありません
usage-generated-not-utf8 = 生成されたテキストが UTF-8 ではありません: { $reason }

## encodings and restore

usage-unknown-encoding = 不明な文字コード `{ $label }`
usage-unknown-language = 不明な言語 `{ $name }` です: メッセージの言語は `ja` か `en` です
usage-restore-runbook-takes-file = --runbook にはファイルを指定してください: 標準出力に出るのはスクリプトです
usage-restore-same-file = -o と --runbook が同じファイル { $path } を指しています: 一方が失われます
usage-restore-output-encoding-ascii = --output-encoding { $label }: スクリプトは ASCII 互換の文字コード (utf-8, shift_jis, euc-jp, ...) で書き出します。{ $encoding } では書き出せません
usage-restore-utf8-only = carryover は { $vendor } のリストアスクリプトを UTF-8 でのみ書き出します。{ $encoding } では書き出せません

## track

usage-track-stdin = track はキャプチャのフォルダを読み込みます。標準入力はフォルダではありません (show - を使ってください)
usage-track-repository-is-source = リポジトリ { $into } はキャプチャのフォルダそのものです: --into で別のフォルダを指定してください

## capture

usage-capture-which-vendor = どのメーカーのキャプチャですか? --vendor ({ $vendors }) か、作成済みのキャプチャを指定してください
usage-capture-vendor-mismatch = --vendor { $named } が指定されましたが、指定されたキャプチャは { $vendor } のものです

## plan, gaps and the other commands

usage-plan-already-at-target = キャプチャしたアプライアンスはすでに { $from } で運用中です: plan はバージョンアップの前に確認するものです (バージョンアップ後にも残っている問題は gaps で確認します)
usage-to-older-than-captured = --to { $to } はキャプチャしたバージョン { $from } より古いバージョンです: carryover が計画するのはバージョンアップで、バージョンダウンではありません
usage-output-is-a-capture = { $path } は読み込んだキャプチャの 1 つか、読み込んだキャプチャフォルダの中にあります: 書き込むとキャプチャが変わってしまいます

## verify-update

usage-verify-update-no-vendor = アップデートのログがあるメーカーを carryover は知りません

## the target version and the rules of a plan

usage-not-a-version = `{ $text }` はバージョンではありません (例: 4.2.3)
usage-to-other-family = --to { $to } は { $vendor } のバージョンではありません: キャプチャが示すのは { $from } です。既知のリリースノート: { $count ->
        [0] なし
       *[other] { $known }
    }
usage-to-other-family-no-version = --to { $to } は { $vendor } のバージョンではありません: キャプチャにはバージョンがありません。既知のリリースノート: { $count ->
        [0] なし
       *[other] { $known }
    }
usage-no-note-between = { $from } と { $to } の間にあたるリリースノートを carryover は知りません (既知: { $known }): 何も確認できませんでした
usage-no-note-between-uncaptured = キャプチャしたバージョンと { $to } の間にあたるリリースノートを carryover は知りません (既知: { $known }): 何も確認できませんでした
usage-confirm-unknown = --confirm { $ids }: この計画にその id のルールはありません
usage-confirm-unknown-blocking = --confirm { $ids }: この計画にその id のルールはありません (現在ブロックしているルール: { $blocking })

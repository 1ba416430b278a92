# `--help` と man ページの日本語。id は i18n/en/help.ftl と同じ (英語はフラグの doc コメントから
# 作られる)。コマンド、パス、値、フラグ名は訳さない。

help-heading-usage = 使い方:
help-heading-arguments = 引数
help-heading-options = オプション
help-heading-commands = コマンド
help-values = 使用できる値
help-default = デフォルト
help-man-name = 名前
help-man-synopsis = 書式
help-man-description = 説明
help-man-subcommands = サブコマンド
help-man-version = バージョン
help-man-authors = 作者
help-any--ca =
    組み込みのルート証明書に加えて信頼する PEM 証明書: アプライアンス自身の自己署名証明書、または自社 CA の証明書
help-any--color =
    色: auto (端末のとき。ただし NO_COLOR が設定されていれば付けず、CLICOLOR_FORCE があれば付ける)、always、never
help-any--encoding =
    入力を検出せずに、このエンコーディングで読む (utf-8、shift_jis、euc-jp、...)
help-any--format =
    出力形式
help-any--help_uri_base =
    --format sarif のとき: ルールのページ (docs/rules/ のフォルダ) を公開している場所。各ルールの helpUri は URL/ID.md になる。指定しなければ helpUri は書かない
help-any--insecure =
    どんな証明書も受け入れる。経路上の誰でもパスワードを読めるようになる。実行のたびに警告する
help-any--kind =
    入力の種類を内容から検出せずに、この種類として読む
help-any--output =
    標準出力ではなく FILE に書く (`-`: 標準出力)。ファイルはアトミックに置き換える: 失敗した実行はファイルを元のまま残す
help-any--password_env =
    パスワード (Mirapoint MOS) をこの環境変数から読む
help-any--password_file =
    パスワード (Mirapoint MOS) を、所有者だけが読めるこのファイルの 1 行目から読む
help-any--paths =
    1 台のアプライアンスのキャプチャのファイルかディレクトリ (CLI のログ、トランスクリプト、エクスポート、キャプチャのフォルダ)。`-` は標準入力を読む
help-any--plaintext =
    TLS ではなく平文で通信する: パスワードが読める形でネットワークを渡る
help-any--port =
    メーカーのデフォルトでないときのポート (Mirapoint MOS: TLS は 10243、平文は 10143。SpamTitan: TLS は 443、平文は 80)
help-any--timeout =
    接続と、各読み取りを待つ秒数
help-any--token_env =
    API トークン (SpamTitan) をこの環境変数から読む
help-any--user =
    ログインに使うユーザ (Mirapoint MOS)
help-apply--dry_run =
    書き込み以外をすべて行う: ログインし、確認し、読み戻し、送るものを一覧する
help-apply--format =
    レポートの形式
help-apply--host =
    送り先のアプライアンス: ホスト名またはアドレス
help-apply--into =
    続けて、アプライアンスからこのフォルダにもう一度取得する
help-apply--pre =
    続けて、このバージョンアップ前のキャプチャを新しいキャプチャと比べ、各差分にルールでラベルを付け、`diff --explain` と同じく終了する
help-apply--resume =
    ジャーナルが示す実行を、最後に確認されたコマンドの後から続ける
help-apply--script =
    `carryover restore -o SCRIPT` が書いた restore スクリプト (その隣にプランファイル SCRIPT.plan)
help-apply--send_inferred =
    形式を確認できる公開資料の無いコマンドも送る
help-apply--yes =
    確認せずに送る: 確認を求める端末が無いときに必要
help-apply-about =
    レビュー済みの restore スクリプトを 1 台のアプライアンスに、ジャーナルを付けて 1 コマンドずつ送る
help-apply-after =
    1 つのスクリプト、1 台のアプライアンス: 複数台への送信と取り消しは対象外。最初の書き込みの前に、
    apply はログインし、アプライアンスの名前、メーカー、バージョンを確認し、スクリプトが書くものを
    すべて読み戻す: スクリプトの計算に使ったキャプチャからずれていれば止まる。各コマンドは 1 つずつ
    送って応答を確認する。スクリプトの隣のジャーナル (SCRIPT.journal) がそれぞれを記録し、拒否や
    切れた接続で止まった実行は --resume で終えられる。SpamTitan のスクリプトは REST API とレガシー
    API で送り、トークンは --token-env から読む。

    例:
      carryover restore --to 4.2.3 pre/rg01.admind.txt --against post/rg01.admind.txt -o restore.txt
      carryover apply restore.txt rg01.example.net --user admin --password-env MOS_PASSWORD --dry-run
      carryover apply restore.sh st01.example.com --token-env ST_TOKEN --into after --pre pre/st01

    終了ステータス:
      0  すべてのコマンドを送って確認された、またはジャーナルがそう示している。--pre 付きなら、すべての差分が想定どおり・適用済み・受け入れ済みで、比較していないものがない
      1  --pre: 失われたもの・説明のないもの・比較していないものが残る (diff --explain と同じ)
      2  エラー。アプライアンス、バージョン、状態がスクリプトの計算に使ったものと違うとき、またはスクリプトやジャーナルが合わないときは何も送らない。拒否されたコマンドや切れた接続で止まる (止まった場所はジャーナルにある)
help-capture--paths =
    作成済みのキャプチャ。その Delegated Domain の名前を知るため (任意。`-`: 標準入力)
help-capture--profile =
    キャプチャする範囲
help-capture--vendor =
    キャプチャするメーカー。指定しなければ、与えたキャプチャのメーカー (キャプチャを与えないときは必須)
help-capture-about =
    gaps と plan が必要とするものをキャプチャが含むように、実行するものを出力する
help-capture-after =
    例:
      carryover capture --vendor mirapoint-mos
      carryover capture samples/mos/ms01-delegated-domains.log
      carryover capture --vendor spamtitan -o capture.sh

    終了ステータス:
      0  コマンド (またはキャプチャスクリプト) を出力した
      2  エラー
help-completions--shell =
    補完するシェル
help-completions-about =
    シェルの補完スクリプトを出力する (bash、zsh、fish、elvish、powershell)
help-completions-after =
    例:
      carryover completions bash > ~/.local/share/bash-completion/completions/carryover
      carryover completions zsh > ~/.zfunc/_carryover

    終了ステータス:
      0  スクリプトを出力した
      2  エラー
help-diff--accept =
    --explain のとき: ルール、または項目のパスの glob か名前の差分を、あなたの理由とともに受け入れる (繰り返し可)。例: 'MOS-4.2.3-KI-5=set by hand'、'smtp.fastpath=on by design'
help-diff--explain =
    2 つのキャプチャのバージョンのルールで、各差分にルールの id とともにラベルを付ける: 想定どおり (リリースが変えるもの)、適用済み (計画があなたに指示したこと)、失われた (既知の問題が予測するもの。restore --against が書き戻す)、説明なし、受け入れ済み。このとき終了ステータスは、失われたもの・説明のないもの・比較していないものが残るかを示す
help-diff--ignore =
    パスがこの glob に合う項目を除く (繰り返し可)。例: 'lists/*/blacklist/*'
help-diff--new =
    新しい側のキャプチャ (複数ファイルなら繰り返す)
help-diff--old =
    古い側のキャプチャ (複数ファイルなら繰り返す)
help-diff--paths =
    OLD と NEW。それぞれファイルかディレクトリ (`-`: 標準入力。どちらか一方に)。または git が外部 diff に渡す 7 つの引数
help-diff--show_secrets =
    変わった秘密情報 (秘密キー、パスワード、セッション id、API トークン) の値を `<secret>` ではなく表示する。このとき -o で指定したファイルは所有者だけが読める
help-diff--stat =
    エリアごとの件数だけ (human、markdown、json)
help-diff-about =
    2 つのキャプチャを、行ではなく設定ごとに比べる: バージョンアップや変更が何をしたか
help-diff-after =
    例:
      carryover diff samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.2.3-after.log
      carryover diff --stat --format json samples/spamtitan/7.08 samples/spamtitan/7.09
      carryover diff --explain --accept MOS-4.2.3-KI-6=re-added samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.2.3-after.log
      echo '*.log diff=carryover' >> .gitattributes
      git config diff.carryover.command 'carryover diff'

    終了ステータス (diff(1) と同じ):
      0  同じ: 両側が同じものを見て、それらが等しい (相手側のバージョンにない項目は数えない)。--explain 付きなら: すべての差分が想定どおり・適用済み・受け入れ済みで、比較していないものがない
      1  差分がある、または一方が見ていない項目がある (比較していない)。--explain 付きなら: 失われたもの・説明のないもの・比較していないものが残る
      2  エラー (二台のアプライアンス、または二つのメーカーのキャプチャを含む)
    git の外部 diff (7 つの引数) としては、git が求めるとおり 0 で終了する。キャプチャとして
    読めないファイルは行の diff として示す。
help-fetch--commit =
    続けて、リポジトリで変わったものを git でコミットする。変更が無ければコミットしない
help-fetch--format =
    レポートの形式
help-fetch--hosts =
    取得元のアプライアンス: ホスト名またはアドレス
help-fetch--into =
    各アプライアンスのキャプチャを書くフォルダ
help-fetch--inventory =
    アプライアンスの CSV、`host,vendor,port,user,credential-ref` (credential-ref は `env:NAME` か `file:PATH`。資格情報そのものは書かない)
help-fetch--jobs =
    同時に取得するアプライアンスの数
help-fetch--profile =
    読む範囲
help-fetch--track =
    続けて、`track DIR --into REPO` と同じように、キャプチャをこのリポジトリに記録する
help-fetch--vendor =
    インベントリがメーカーを書いていないアプライアンスのメーカー。指定しなければ、与えた資格情報のフラグ (--user のユーザ、パスワード、トークン) に合うログインのメーカー
help-fetch-about =
    アプライアンス自身からキャプチャを集める。1 台のホストでも、全台でも
help-fetch-after =
    例:
      carryover fetch rg01.example.net --user administrator --password-env RG_PASSWORD --into captures
      carryover fetch --inventory fleet.csv --into captures --track fleet-config --commit
      carryover fetch st01.example.net --vendor spamtitan --token-env ST_TOKEN --ca st01.pem --into captures

    各キャプチャは全部書くか、まったく書かないかのどちらか: 失敗したアプライアンスは前のキャプチャを
    残す。キャプチャは umask によらず所有者だけが読める (トランスクリプトは 0600、キャプチャの
    フォルダは 0700): 応答にはどのカタログにもない秘密が含まれうるため。レポート (-o) はどの終了でも
    書く: JSON では、どのアプライアンスよりも前に実行を止めたエラー (読めないインベントリ、無い資格情報)
    もそこに入る。資格情報は環境変数、所有者だけが読めるファイル、
    または端末でのプロンプトから得る。コマンドラインからは決して得ない。

    終了ステータス:
      0  すべてのアプライアンスから取得した (アプライアンスが拒否したコマンドは「キャプチャされていない」として一覧する)
      2  取得に失敗したアプライアンスがある (ほかは取得済み)、またはその他のエラー
help-flag-help-long =
    ヘルプを出力する ('-h' で要約)
help-flag-help-more =
    ヘルプを出力する ('--help' で詳しく)
help-flag-version =
    バージョンを出力する
help-gaps--pre =
    同じアプライアンスのバージョンアップ前のキャプチャ (複数ファイルなら繰り返す): このとき入力はバージョンアップ後のキャプチャで、レポートにはバージョンアップで失われたものが加わる
help-gaps--to =
    バージョンアップ先のバージョン (デフォルト: 知っている一番新しいリリースノートのもの)
help-gaps-about =
    既知のエクスポートとバージョンアップの不具合で何が失われるかを、根拠と対処とともに報告する
help-gaps-after =
    例:
      carryover gaps samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.1.9-export.cfg
      carryover gaps --format sarif -o gaps.sarif samples/spamtitan/7.08

    終了ステータス:
      0  警告以上の検出がない (キャプチャされていない事実や情報は出力されることがある)
      1  警告以上の検出がある
      2  エラー
help-help-about =
    このメッセージ、または指定したサブコマンドのヘルプを出力する
help-main--lang =
    読む言語: `ja` か `en` (デフォルト: ロケールの言語)
help-main--lang-long =
    読む言語: `ja` か `en` (デフォルト: ロケールの言語)

    読む言語: `ja` か `en`。指定しなければロケールで決まる: LC_ALL、LC_MESSAGES、LANG のうち最初に設定されているもの。`ja` のロケールなら日本語、それ以外は英語。git と機械のためのファイル (track のファイル、コミットメッセージ、JSON、SARIF) はロケールではなくこのフラグだけに従う。だから 2 人の管理者で git の言語が入れ替わることは無い。
help-main--quiet =
    標準エラーにはエラーのほか何も言わない: 警告、注記、行数を出さない (終了ステータスは同じ)
help-main--verbose =
    読み取りで気付いたことすべてと、各ソースの行数を言う。すべて読めたときも
help-main-about =
    Mirapoint MOS のキャプチャ (CLI のログ、管理プロトコルのトランスクリプト、コンフィグのエクスポート) と SpamTitan のキャプチャのフォルダを 1 つの型付きモデルに読み込み、バージョンアップで失われるものを報告する
help-main-after =
    例:
      carryover gaps samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.1.9-export.cfg
      carryover plan --to 7.09 samples/spamtitan/7.08

    終了ステータス (全サブコマンド。1 の意味は各 --help に書く):
      0  完了、報告するものは無い
      1  報告するものがある
      2  エラー: 読めない入力、アプライアンスやメーカーの混在、誤ったフラグ
help-man--all =
    すべてのページ (メインと各サブコマンドのページ) を -o で指定したフォルダ (無ければ作る) に `carryover.1`、`carryover-show.1`、... として書く
help-man--subcommand =
    メインのページではなく、サブコマンド自身のページ (`carryover-SUBCOMMAND(1)`)
help-man-about =
    man ページ (roff) を出力する。サブコマンドごとの節つき
help-man-after =
    例:
      carryover man > carryover.1
      carryover man restore | man -l -
      carryover man --all -o ~/.local/share/man/man1

    終了ステータス:
      0  マニュアルページを出力した (--all: すべてのページを書き出した)
      2  エラー (--all ではどのページも書き出さない)
help-plan--confirm =
    どのキャプチャにも表れない前提条件を、あなたが確認したこととする (`--confirm ST-7.09-P-4`): それはもう妨げにならず、レポートには運用者が確認したと書かれる。条件ごとに繰り返す
help-plan--to =
    バージョンアップ先のバージョン
help-plan-about =
    バージョンアップ前のチェックリスト: 経路、モジュール、ライセンス、バックアップ、再適用するもの、パッチ
help-plan-after =
    例:
      carryover plan --to 4.2.3 samples/mos/rg01-4.1.9-before.log
      carryover plan --to 7.09 --format json samples/spamtitan/7.08
      carryover plan --to 7.09 --confirm ST-7.09-P-4 --confirm ST-7.09-P-5 --confirm ST-7.09-P-6 samples/spamtitan/7.08

    終了ステータス:
      0  警告以上の検出がなく、バージョンアップを妨げるものもない
      1  警告以上の検出がある、またはバージョンアップを妨げるものがある (JSON: `blocking`)。--confirm で確認するまで、キャプチャからは分からない前提条件など
      2  エラー (別のメーカーの、またはキャプチャより古い --to バージョンを含む)
help-restore--accept =
    --check のとき (または --against 付きの手順書で): ルール、または項目のパスの glob か名前の差分を、あなたの理由とともに受け入れる (繰り返し可)。例: 'smtp.fastpath=on by design'
help-restore--against =
    バージョンアップ後のアプライアンスのキャプチャ (繰り返し可): それに無いもの、違うものだけを書く
help-restore--all =
    既知の問題で失われるものだけでなく、キャプチャにあるすべての設定を戻す
help-restore--check =
    スクリプトを書かない: そのコマンドをメモリ上で --against のキャプチャに適用し、スクリプトの実行後にアプライアンスが持つものを、バージョンアップ前のキャプチャとの説明付きの差分として示す。なお違うものがあれば、その理由も示す。残る差分が想定どおり・適用済み・受け入れ済みだけなら 0 で終了する
help-restore--exit_code =
    スクリプトにコマンドがあるとき、または --against のキャプチャがスクリプトの戻す対象を見ていないとき 1 で終了する (`git diff --exit-code`、terraform の `--detailed-exitcode` と同じ)。どちらでもなければスクリプトを書いたとき 0 で終了する
help-restore--format =
    --check のレポートの形式
help-restore--import_files =
    アプライアンス自身の UI 用インポートファイルも DIR に書く (SpamTitan: ドメインの CSV、許可リストとブロックリスト)
help-restore--output_encoding =
    スクリプトをこのエンコーディングで書く (utf-8、shift_jis、euc-jp、...)。アプライアンスに送るときのもの: MOS のリテラルの長さはそのバイト数。デフォルト: キャプチャのエンコーディング
help-restore--runbook =
    Markdown の手順書を書く: スクリプトの適用方法、手作業の手順、パッチ、確認
help-restore--show_secrets =
    メーカーの秘密情報カタログが秘密とする値 (秘密キー、パスワード、セッション id、API トークン) を除かずに書く。このときファイルは所有者だけが読める形で作る
help-restore--to =
    バージョンアップ先のバージョン
help-restore-about =
    バージョンアップとエクスポートで失われるものを戻すスクリプトを書く
help-restore-after =
    例:
      carryover restore --to 4.2.3 samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.1.9-export.cfg
      carryover restore --to 7.09 -o restore.sh --runbook runbook.md samples/spamtitan/7.08
      carryover restore --check --to 4.2.3 samples/mos/rg01-4.1.9-before.log --against samples/mos/rg01-4.2.3-after.log

    終了ステータス:
      0  スクリプトを書いた (--exit-code 付きなら: コマンドを含まず、--against 付きならキャプチャがないために外したものもない。--check 付きなら: 残る差分が想定どおり・適用済み・受け入れ済みだけ)
      1  --exit-code (または --detailed-exitcode) 付きのときのみ: スクリプトがコマンドを含む、または --against のキャプチャがスクリプトの戻す対象を見ていない。--check 付きなら: 失われたもの・説明のないもの・比較していないものが残る
      2  エラー。何も書かない
help-rule--id =
    レポートに出るルールの id (`MOS-4.2.3-KI-3`)。指定しなければ、レポートに出うるすべてのルールを一覧する
help-rule-about =
    レポートが示すルールを説明する: リリースノートの項目、carryover が確認すること、すること
help-rule-after =
    例:
      carryover rule MOS-4.2.3-KI-3
      carryover rule ST-7.09-P-4
      carryover rule

    終了ステータス:
      0  ルールを説明した、またはルールを一覧した
      2  エラー (どのルールにもない ID を含む。近い ID を示す)
help-schema--name =
    スキーマの名前 (`gaps` と `plan` は `findings`、`show`、`diff`、`diff-stat`、`diff-explain`、`verify-update`、`track`、`fetch`)。指定しなければ名前を一覧する
help-schema-about =
    JSON 出力の JSON Schema を出力する (`carryover schema findings`)
help-schema-after =
    例:
      carryover schema findings
      carryover schema
      carryover schema diff -o diff.schema.json

    終了ステータス:
      0  スキーマを出力した、または名前を一覧した
      2  エラー (どのスキーマにもない名前を含む)
help-show--format =
    出力形式: 正規形の RON、または同じ構造の JSON
help-show--provenance =
    各項目をどこで読んだか (path:line) と、どのソースを読んだかを加える
help-show--show_secrets =
    メーカーの秘密情報カタログが秘密とする値 (秘密キー、パスワード、セッション id、API トークン) を `<secret>` ではなく出力する。このとき -o で指定したファイルは所有者だけが読める
help-show--unrecognized =
    代わりに、モデルのデータにならなかった入力の行を一覧する。あれば 1 で終了する
help-show-about =
    アプライアンスの設定を正規形の RON (または JSON) で出力する
help-show-after =
    例:
      carryover show samples/mos/ms01-delegated-domains.log
      carryover show --format json --provenance samples/spamtitan/7.08
      carryover show --unrecognized samples/mos/rg01-4.1.9-before.log

    終了ステータス:
      0  モデルを出力した
      1  --unrecognized: モデルにならなかった行がある
      2  エラー
help-textconv--file =
    git が渡すキャプチャ (`-`: 標準入力)
help-textconv-about =
    git の diff ドライバのために、キャプチャの正規形のテキストを出力する
help-textconv-after =
    例:
      carryover textconv samples/mos/rg01-4.1.9-before.log
      git config diff.carryover.textconv 'carryover textconv'

    終了ステータス:
      0  正規化したテキストを出力した (キャプチャでないファイルはそのまま、警告付き)
      2  エラー
help-track--commit =
    続けて、書いたファイル (それだけ) を git でコミットする。メッセージにはアプライアンスごとに追加、削除、変更の件数を書く。何も変わらなければコミットしない
help-track--format =
    レポートの形式
help-track--into =
    `<vendor>/<hostname>.ron` ファイルを書くリポジトリ
help-track--src =
    読み込むキャプチャのフォルダ
help-track-about =
    多数のアプライアンスのキャプチャのフォルダを、アプライアンスごとに 1 つの正規形 RON ファイルとして保つ
help-track-after =
    例:
      carryover track samples/spamtitan --into fleet-config
      carryover track --format json --quiet samples/spamtitan --into fleet-config

    終了ステータス:
      0  すべてのアプライアンスを書いた、または変更がなく、すべてのアップデートログが完了している
      1  ツリー内のアップデートログに異常がある (verify-update を参照)
      2  キャプチャに失敗した (ほかは書いた)、またはその他のエラー
help-verify-update--encoding =
    ログを検出せずに、このエンコーディングで読む
help-verify-update--log =
    アップデートのログ、またはアップデートのログをすべて確認するフォルダ (キャプチャのフォルダ、その木)。`-` は標準入力を読む
help-verify-update-about =
    SpamTitan のアップデートのログを確認する: バージョン、止めて再び起動したサービス、完了
help-verify-update-after =
    例:
      carryover verify-update samples/spamtitan/update-7.08-to-7.09.log
      carryover verify-update --format json samples/spamtitan

    終了ステータス:
      0  すべてのアップデートログが正常に完了した
      1  異常: 再起動されていないサービス、OK でないステップ、完了の行がない、エラーを報告する行
      2  エラー (アップデートログを含まないフォルダを含む)

# 値ごとの説明 (Possible values)
help-any--color-value-always =
    常に。パイプやファイルへの出力でも色を付けます
help-any--color-value-auto =
    端末のときだけ。端末と NO_COLOR、CLICOLOR、CLICOLOR_FORCE から anstream が決めます
help-any--color-value-never =
    色を付けません
help-any--format-value-github =
    GitHub Actions の注釈 (`::error file=..,line=..::`) をキャプチャの行に付けます
help-any--format-value-human =
    端末向けのテキスト: 見出しの行のあと、検出事項ごとに 1 ブロック
help-any--format-value-json =
    `format_version` 付きの JSON。形は `carryover schema findings` のとおり
help-any--format-value-markdown =
    Markdown。チケットやレビューのコメント向け
help-any--format-value-sarif =
    SARIF 2.1.0。GitHub のコードスキャン (upload-sarif) 向け
help-any--kind-value-cli =
    対話型 CLI セッションのログ
help-any--kind-value-export =
    設定のエクスポート: コマンドのスクリプト
help-any--kind-value-protocol =
    管理プロトコル (ポート 10143) のやり取りの記録
help-any--profile-value-full =
    メーカーのカタログにある読み取りをすべて、すべてのスコープと Delegated Domain のすべてのリストについて行います。カタログが読めるものであって、アプライアンスの設定のすべてではありません
help-any--profile-value-rules =
    どのキャプチャにもあるものと、リリースノートのルールが必要とするもの
help-diff--format-value-github =
    GitHub Actions のワークフローコマンド。差分ごとに注釈を 1 つ (--explain と)
help-diff--format-value-human =
    差分ごとに 1 行。端末では色付き
help-diff--format-value-json =
    `format_version` 付きの JSON。形は `carryover schema diff` のとおり
help-diff--format-value-markdown =
    Markdown の表。レビューのコメント向け
help-diff--format-value-sarif =
    SARIF 2.1.0。差分ごとに結果を 1 つ (--explain と)
help-diff--format-value-unified =
    2 つの正規形テキストの unified diff
help-fetch--format-value-human =
    アプライアンスごとに 1 行、続いて記録とコミットの内容、最後に要約の行
help-fetch--format-value-json =
    `format_version` 付きの JSON。形は `carryover schema fetch` のとおり
help-show--format-value-json =
    `format_version` 付きの JSON。形は `carryover schema show` のとおり
help-show--format-value-ron =
    正規形の RON: 同じ設定は同じバイト列になります
help-track--format-value-human =
    書き出したファイルごとに `wrote` の行、続いてアップデートログ、最後に要約の行
help-track--format-value-json =
    `format_version` 付きの JSON。形は `carryover schema track` のとおり
help-verify-update--format-value-human =
    テキスト: 関係するサービスと手順ごとに、`ok` または異常
help-verify-update--format-value-json =
    `format_version` 付きの JSON。形は `carryover schema verify-update` のとおり
help-apply--format-value-human =
    人が読む行: 送ったもの、そのあとの取得と説明付きの差分
help-apply--format-value-json =
    `format_version` 付きの JSON。形は `carryover schema apply` のとおり。どの終了でも書きます
help-restore--format-value-human =
    説明付きの差分と、なお違いが残るもの。人が読む行で
help-restore--format-value-json =
    `format_version` 付きの JSON。形は `carryover schema restore-check` のとおり

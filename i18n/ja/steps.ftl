# Japanese: the same ids and arguments as i18n/en/steps.ftl; terms as in i18n/glossary.toml.
# 対処の手順の種類ごとの表現: このアプライアンスのコマンドは入力するとおりに示し、それ以外は
# どこで行う手順かを示します。引数はナレッジファイルとキャプチャにあるとおりに埋めます。

step-command = このアプライアンスで: `{ $command }`
step-elsewhere = { $on } で: `{ $command }`
step-elsewhere-inferred = { $on } で: `{ $command }`    { $inferred }
step-console = 管理画面: { $page }: { $action }
step-console-any = 管理画面: { $action }
step-dns = DNS: { $text }
step-check = 手作業: { $text }
step-prompt = '{ $prompt }' と聞かれたら `{ $answer }` と答えてください
step-fetch-from = { $url } から取得し、アプライアンスから届く HTTP サーバに置いてください
step-install-update = { $name } をインストールしてください ({ $url } から)
step-type-on-this-appliance = このアプライアンスで入力:
plan-phase = { $phase ->
    [before] バージョンアップの前
    [during] バージョンアップ中
   *[after] バージョンアップの後
}
# A patch two rules ask for: the later one in the plan says where its install is.
plan-patch-installed-by = { "" }。インストール手順は { $rule } に一度だけ記載しています

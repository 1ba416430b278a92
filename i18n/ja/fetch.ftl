# Japanese: the same ids and arguments as i18n/en/fetch.ftl; terms as in i18n/glossary.toml.

## Said on standard error before the run, before any secret is asked for.

fetch-warning-insecure = 警告: --insecure: 証明書を確認しないため、アプライアンスになりすまして応答した者にパスワードやトークンが渡ります
fetch-warning-plaintext = 警告: --plaintext: パスワードやトークンが暗号化されずにネットワークを流れます

## The report.

fetch-fetched = { $host } を { $path } に取得しました: { $lines } 行、解釈できない行 { $not_understood }、キャプチャされなかったもの { $not_captured }
fetch-tracked = { $path } を追跡しました
fetch-track-summary = track: 書き込み { $written }、変更なし { $unchanged }、失敗 { $failed }
fetch-nothing-committed = commit: 変更がないため、コミットしませんでした
fetch-summary = fetch: アプライアンス { $total } 台中 { $fetched } 台を取得、{ $failed } 台が失敗。キャプチャされなかったコマンドまたは呼び出し { $missing } 件

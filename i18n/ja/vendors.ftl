# Japanese: the same ids and arguments as i18n/en/vendors.ftl; terms as in i18n/glossary.toml.

vendors-kind-cli-log = CLI ログ
vendors-kind-protocol = 管理プロトコルのトランスクリプト
vendors-kind-export = コンフィグのエクスポート
vendors-score = { $vendor } { $kind } { $score }
vendors-list = { $first }、{ $rest }
vendors-expects = { $vendor } のキャプチャ
vendors-expected-or = { $first }、または { $rest }
vendors-no-evidence = 何も見つかりません

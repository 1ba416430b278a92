# Japanese: the same ids and arguments as i18n/en/plain.ftl; terms as in i18n/glossary.toml.

plain-how-to-apply = `{ $script }` を plain のコンソールに入力してください。
plain-how-to-recapture = `show all` をもう一度保存してください:
plain-capture-why-all = アプライアンスが持つすべて
plain-evidence-header = `# plain-appliance:` のヘッダー

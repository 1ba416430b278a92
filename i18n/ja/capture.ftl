# Japanese: the same ids and arguments as i18n/en/capture.ftl; terms as in i18n/glossary.toml.

# The remark above the commands to run at an appliance's CLI; each line is a shell remark.
capture-commands-header =
    # 端末のログ記録を有効にしてアプライアンスの CLI でこれらを実行し、そのログを
    # (コンフィグのエクスポートがあればそれも) carryover (show、gaps、plan) に渡してください。
    # 各コマンドは 1 行ずつ書かれているので、このブロックはそのまま貼り付けられます。
    # # で始まる行は、その下のコマンドが何のためのものかを説明しています。

# Why a rule's commands are in a capture: the rule and its title.

capture-why-rule = { $rule }: { $title }

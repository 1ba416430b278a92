# Japanese: the same ids and arguments as i18n/en/findings.ftl; terms as in i18n/glossary.toml.
# A rule's title and its remedy come from the release notes' knowledge files, as data; these
# are the words carryover adds around them.

## Summaries

finding-title = { $title }
finding-wider-than-the-note = { "" } (リリースノートが挙げているのは { $names } からのバージョンアップのみ: { $because })
finding-blocks-until-confirmed = { "" }。確認して --confirm { $rule } で確定するまで、バージョンアップを進められません
finding-confirmed = { $title }: 運用者が確認済み (--confirm { $rule })。これを示すキャプチャはありません
finding-nothing-needs-it = { $title }: キャプチャした内容には、これを必要とするものがありません
finding-unknown-setting = { $title }: 不明: { $name } はキャプチャされていません
finding-cannot-tell-setting = { $title }: 判断できません: { $name } はキャプチャされていません
finding-setting-is = { $name } は { $value } です
finding-setting-found = { $title } ({ $name } は { $value })
finding-setting-recommended = { $name } は推奨値の { $value } です
finding-setting-not-recommended = { $title } ({ $name } は { $value }。リリースノートは、ほかの値を望む場合を除き { $recommended } を推奨しています)
finding-setting-new = { $title }: { $name } は { $release } で追加された設定のため、バージョンアップ前のキャプチャにはありません。バージョンアップ後に設定してください
finding-reapply-not-captured = { $title }: 再適用する設定がキャプチャされていません
finding-raw-not-mentioned = `{ $listing }` の応答に { $text } を含むものはありません
finding-raw-not-captured = { $title }: 判断できません: `{ $listing }` はキャプチャされていません
finding-installed = { $name } はインストール済みです
finding-licensed-domains = { $title } ({ $name } のライセンスあり)
finding-not-licensed-no-domains = { $license } のライセンスがなく、Delegated Domain もキャプチャされていません
finding-no-delegated-domains = このアプライアンスに Delegated Domain はありません
finding-domains-not-captured = { $title }: 判断できません: ライセンスも Delegated Domain もキャプチャされていません
finding-trusted-hosts-not-captured = { $title }: { $group } の信頼されたホストがキャプチャされていません
finding-trusted-hosts-none = { $title }: { $group } に信頼されたホストがないため、追加しない限り、前段の RazorGate が付加した X-Junkmail ヘッダーは削除されます
finding-message-running = { $title }: キャプチャからは判断できません: { $release } では、管理画面にはカスタマイズされたテキストが表示される一方、デフォルトのテキストが配送されることがあります
finding-message-default = { $name } はデフォルトのテキストです: 失われるものはありません
finding-message-maybe-customized = { $title }: キャプチャしたテキストがカスタマイズされていれば、デフォルトに戻ります (デフォルトのテキストが不明なため、carryover には判断できません)。再適用しても害はありません
finding-message-customized = { $title }: キャプチャしたテキストはデフォルトではありません: デフォルトに戻ります
finding-system-message-not-captured = { $title }: システムの { $name } がキャプチャされていません
finding-delegated-keep-messages = Delegated Domain のカスタマイズされたメッセージは引き継がれます
finding-licenses-not-captured = { $title }: ライセンスがキャプチャされていません
finding-licensed = { $feature } のライセンスがあります
finding-not-licensed = { $feature } のライセンスがありません
finding-license-not-in-force = { $feature } は一覧にありますが、アプライアンスは `{ $state }` と表示しています: 有効なライセンスとは読み取れません
finding-version-not-captured = { $title }: バージョンがキャプチャされていません
finding-version-at-least = { $version } は { $min } 以降です
finding-version-below = { $title } (アプライアンスは { $version } で運用中)
finding-version-is = アプライアンスは { $version } で運用中です
finding-version-not = { $title } ({ $version } で運用中)
finding-manual = { $title }: これを示すキャプチャはありません。手作業で確認してください
finding-not-a-cluster-node = クラスタのノードではありません ({ $name } = { $value })
finding-cluster-not-captured = { $title }: クラスタの構成がキャプチャされていません
finding-backup-drops = { $title }: 設定された項目 { $count } 件
finding-updates-not-captured = { $title }: インストール済みのアップデートがキャプチャされていません
finding-no-live-capture = { $title }: 実機のキャプチャがありません: { $list } リストがキャプチャされていません
finding-export-lacks = 実機のキャプチャにある { $list } の例外 { $count } 件がエクスポートにありません
finding-any-export-loses = { $list } の例外 { $count } 件は、どのコンフィグのエクスポートでも失われます
finding-lists-not-listed = キャプチャが不完全です: { $scopes } の { $list } リストを一覧表示した実機のキャプチャがありません
finding-domain-lists-not-known = キャプチャが不完全です: Delegated Domain が一覧表示されていないため、どのキャプチャにも現れない Delegated Domain の { $list } リストは不明です
finding-unexplained = 実機のキャプチャの項目 { $count } 件がエクスポートと異なり、どの既知の問題でも説明がつきません
finding-unknown-release = { $version } より後のリリースノートは不明です。それ以降は確認していません
finding-package-no-version = バージョンがキャプチャされていないため、{ $release } のモジュールを選べません
finding-package = { $from } から { $release } へのバージョンアップには { $file } をインストールしてください
finding-package-none = { $release } のリリースノートには、{ $from } からのバージョンアップ用のモジュールが記載されていません
finding-update-failed = { $name } へのアップデートが完了していません: { $reason }

## What carryover notes about an item, shown after it in parentheses

item-key-in-export-only = キーはエクスポートにのみあり
item-key-not-captured = キーは未キャプチャ
item-key-captured-elided = キーはキャプチャ済み (省略された行あり)
item-key-captured = キーはキャプチャ済み
item-not-in-the-export = エクスポートになし
# What a setting a rule names is, in the rule's own words (translated with the rule).
item-what-it-is = { $what }

## Remedy steps carryover words itself

remedy-check-after-upgrade = バージョンアップ後に確認: { $check }
remedy-if-not-run = `{ $value }` でなければ { $commands } を実行
remedy-if-not-wanted-run = `{ $value }` でなく、ほかの値にする必要もなければ { $commands } を実行
remedy-if-is-step = `{ $value }` の場合: { $step }
remedy-check-unexplained = エクスポートを頼りにする前に、これらを手作業で確認してください
remedy-verify-update-first = 何よりも先にアプライアンスを確認してください: `carryover verify-update <the update log>` が、元に戻らなかったもののリストを表示します

## The layout of a gaps or plan report

findings-title = { $command }: { $appliance } { $from } -> { $to }: { $counts }
findings-host-unknown = (ホスト名はキャプチャされていません)
findings-version-unknown = (バージョンはキャプチャされていません)
findings-nothing-found = 検出なし
findings-count = { $status } { $count } 件
finding-status = { $status ->
    [error] エラー
    [warning] 警告
    [info] 情報
    [not-captured] 未キャプチャ
    [confirmed] 確認済み
   *[ok] OK
}
findings-blocking = バージョンアップを妨げるもの: { $rules }
findings-blocking-markdown = **バージョンアップを妨げるもの:** { $rules }
findings-remedy = 対処:
findings-at = 場所 { $evidence }
findings-table-head = | 項目 | 証拠 |

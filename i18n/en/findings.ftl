# Findings of `gaps` and `plan`: what carryover itself says about the captures. A rule's title
# and its remedy come from the release notes' knowledge files, as data; these are the words
# carryover adds around them. Arguments are filled as the captures hold them: each output
# (terminal, Markdown, GitHub, SARIF, JSON) makes them safe its own way.

## Summaries

finding-title = { $title }
finding-wider-than-the-note = { "" } (the note names the upgrade from { $names } only: { $because })
finding-blocks-until-confirmed = { "" }; it blocks the upgrade until checked and confirmed with --confirm { $rule }
finding-confirmed = { $title }: confirmed by the operator (--confirm { $rule }); no capture shows it
finding-nothing-needs-it = { $title }: nothing captured needs it
finding-unknown-setting = { $title }: unknown: { $name } not captured
finding-cannot-tell-setting = { $title }: cannot tell: { $name } not captured
finding-setting-is = { $name } is { $value }
finding-setting-found = { $title } ({ $name } is { $value })
finding-setting-recommended = { $name } is the recommended { $value }
finding-setting-not-recommended = { $title } ({ $name } is { $value }; the note recommends { $recommended } unless another value is wanted)
finding-setting-new = { $title }: { $name } is new in { $release }, so no capture before the upgrade holds it; set it after the upgrade
finding-reapply-not-captured = { $title }: the settings to re-apply were not captured
finding-raw-not-mentioned = no `{ $listing }` answer mentions { $text }
finding-raw-not-captured = { $title }: cannot tell: `{ $listing }` was not captured
finding-installed = { $name } is installed
finding-licensed-domains = { $title } ({ $name } is licensed)
finding-not-licensed-no-domains = { $license } is not licensed and no delegated domain was captured
finding-no-delegated-domains = the appliance has no delegated domains
finding-domains-not-captured = { $title }: cannot tell: neither the licenses nor the delegated domains were captured
finding-trusted-hosts-not-captured = { $title }: the { $group } trusted hosts were not captured
finding-trusted-hosts-none = { $title }: { $group } holds no trusted host, so an upstream RazorGate's X-Junkmail headers are stripped unless it is added
finding-message-running = { $title }: cannot tell from a capture: on { $release } the admin screen shows the customized text while the default may be delivered
finding-message-default = { $name } is the default text: nothing to lose
finding-message-maybe-customized = { $title }: if the captured text is customized, it will be reverted (carryover cannot tell: no default text is known); re-applying it is harmless
finding-message-customized = { $title }: the captured text is not the default: it will be reverted
finding-system-message-not-captured = { $title }: the system { $name } not captured
finding-delegated-keep-messages = delegated domains keep their customized messages
finding-licenses-not-captured = { $title }: licenses not captured
finding-licensed = { $feature } is licensed
finding-not-licensed = { $feature } is not licensed
finding-license-not-in-force = { $feature } is listed, but the appliance says `{ $state }` of it: not a license in force that carryover can read
finding-version-not-captured = { $title }: the version not captured
finding-version-at-least = { $version } is { $min } or later
finding-version-below = { $title } (the appliance runs { $version })
finding-version-is = the appliance runs { $version }
finding-version-not = { $title } (it runs { $version })
finding-manual = { $title }: no capture shows this; check it by hand
finding-not-a-cluster-node = not a cluster node ({ $name } = { $value })
finding-cluster-not-captured = { $title }: cluster membership not captured
finding-backup-drops = { $title }: { $count } configured item(s)
finding-updates-not-captured = { $title }: the installed updates not captured
finding-no-live-capture = { $title }: no live capture: the { $list } lists were not captured
finding-export-lacks = { $count } { $list } exception(s) the live captures show are not in the export
finding-any-export-loses = { $count } { $list } exception(s) would be lost by any config export
finding-lists-not-listed = the capture is incomplete: no live capture lists { $list } for { $scopes }
finding-domain-lists-not-known = the capture is incomplete: the delegated domains were not listed, so the { $list } lists of a delegated domain no capture names are not known
finding-unexplained = { $count } item(s) of the live captures differ from the export and no known issue explains it
finding-unknown-release = no release note after { $version } is known; nothing past it is checked
finding-package-no-version = the version was not captured, so the { $release } package cannot be chosen
finding-package = install { $file } to go from { $from } to { $release }
finding-package-none = the { $release } note names no package for upgrading from { $from }
finding-update-failed = the update to { $name } did not complete: { $reason }

## What carryover notes about an item, shown after it in parentheses

item-key-in-export-only = key in the export only
item-key-not-captured = key not captured
item-key-captured-elided = key captured with elided lines
item-key-captured = key captured
item-not-in-the-export = not in the export
# What a setting a rule names is, in the rule's own words (translated with the rule).
item-what-it-is = { $what }

## Remedy steps carryover words itself

remedy-check-after-upgrade = after the upgrade, check: { $check }
remedy-if-not-run = if it is not `{ $value }`, run { $commands }
remedy-if-not-wanted-run = if it is not `{ $value }` and no other value is wanted, run { $commands }
remedy-if-is-step = if it is `{ $value }`: { $step }
remedy-check-unexplained = check these by hand before relying on the export
remedy-verify-update-first = check the appliance before anything else: `carryover verify-update <the update log>` lists what did not come back

## The layout of a gaps or plan report

findings-title = { $command }: { $appliance } { $from } -> { $to }: { $counts }
findings-host-unknown = (host not captured)
findings-version-unknown = (version not captured)
findings-nothing-found = nothing found
findings-count = { $count } { $status }
finding-status = { $status ->
    [error] error
    [warning] warning
    [info] info
    [not-captured] not captured
    [confirmed] confirmed
   *[ok] ok
}
findings-blocking = blocking: { $rules }
findings-blocking-markdown = **Blocking:** { $rules }
findings-remedy = remedy:
findings-at = at { $evidence }
findings-table-head = | item | evidence |

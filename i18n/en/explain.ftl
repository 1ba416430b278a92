# The words of `diff`'s coverage rule and of the explained diff (`diff --explain`,
# `restore --check`).
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

## not on this version

diff-summary-not-on-version = { $summary }; { $count } not on the other side's version
diff-not-on-version-in = not on this version: { $side } runs a version without it ({ $count })
diff-markdown-not-on-version = Not on this version (the other side's version has no such item):
diff-markdown-item-not-on-version = `{ $path }`: { $side } runs a version without it

## usage

usage-diff-accept = --accept { $given }: give a rule id, an item path or an item name, then `=` and your reason, e.g. --accept 'MOS-4.2.3-KI-5=set by hand'
usage-diff-explain-unified = --explain and --format unified conflict: a unified diff has no labels
usage-diff-format-needs-explain = --format sarif and --format github need --explain: their results are the labelled differences

## the labels of `diff --explain`

explain-label-expected = expected
explain-label-applied = applied
explain-label-lost = lost
explain-label-unexplained = unexplained
explain-label-accepted = accepted
explain-why-version = the upgrade goes to this version
explain-why-package = the upgrade package the plan installs
explain-why-patch = a patch the rule recommends, as the plan says
explain-why-remedy = the value the rule's remedy sets, as the plan says
explain-why-new-setting = a setting new in this release
explain-why-known-loss = a known issue predicts the loss; restore --against writes it back
explain-why-no-rule = no rule explains it
# One difference's label: `applied MOS-4.2.3-KI-5: the value the rule's remedy sets`.
explain-line = { $label } { $rule }: { $why }
# An accepted difference: the user's reason, then what it was.
explain-line-accepted = accepted ({ $target }): { $reason }; was { $was } { $rule }: { $why }
explain-stat-label = label
explain-stat-count = differences
explain-summary = explained: { $expected } expected, { $applied } applied, { $lost } lost, { $unexplained } unexplained, { $accepted } accepted
explain-settled = every difference is expected, applied or accepted, and everything was compared
explain-unsettled = something lost, unexplained or not compared remains
explain-accept-unused = --accept { $target } matched no difference
explain-markdown-table-head = | | item | old | new | label | rule |
# A table's cell beside the label.
explain-cell = { $rule }: { $why }
explain-cell-accepted = { $rule }: { $reason } (accepted with --accept { $target }; was { $was })

## restore --check, and the runbook's section of it

explain-proof-title = restore --check: { $applied } items of the script applied to the post-upgrade capture, compared with the pre-upgrade capture: what the appliance will hold once the script has run
explain-proof-remaining = still different once the script has run ({ $count }):
explain-proof-none-remaining = nothing would still differ
explain-proof-heading = What the appliance will hold once the script has run
explain-proof-item = { $path }: { $why }
explain-left-by-hand = a step by hand (see the runbook)
explain-left-secret = a secret left out of the script (--show-secrets writes it)
explain-left-no-command = no known command writes it
explain-left-unwritable = the script cannot carry its value
explain-left-not-captured = not captured: the post-upgrade capture did not look at it
explain-left-not-captured-before = not captured: the pre-upgrade capture did not look at it
explain-left-not-restored = nothing the restore writes touches it
# An item not compared, as a SARIF result or a GitHub annotation.
explain-not-compared = not compared: not captured in { $side }

# `apply`: its checks before the first write, its summary and question, its errors, and its
# report. Arguments quote appliances and scripts: the whole line is made safe where it is
# written.

## Reading the script and its plan file.

apply-mos-not-a-command = this line is no command apply can send
apply-mos-unknown-command = no command form of the catalog matches `{ $command }`; apply sends only what it can read back
apply-st-no-prologue = this is not a restore script `carryover restore` wrote for SpamTitan: its prologue is missing
apply-st-not-a-command = this line is no command the restore script's own words can make
apply-st-unknown-command = `{ $command }` is no call of a SpamTitan restore script; apply sends only what it can read back
apply-mos-not-a-write = `{ $command }` writes nothing apply can read back; apply sends only settings, list entries, messages and trusted hosts
apply-mos-literal-refused = the appliance did not take a literal: { $answer }
apply-plan-unknown-vendor = the plan file names the vendor `{ $vendor }`, which this tool does not know
apply-vendor-cannot-apply = apply cannot send scripts to { $vendor } appliances yet
apply-script-not-utf8 = the script is not UTF-8; apply sends UTF-8 scripts only
apply-script-changed = the script changed after restore wrote it (its SHA-256 is not the one its plan file names): run restore again and review what it writes
apply-no-plan-file = no plan file { $plan } beside it: write the script with `carryover restore -o FILE`, which writes FILE.plan beside it
apply-plan-unreadable = this plan file does not read as one restore writes
apply-inferred-not-sent = `{ $command }` and { $count } command(s) in all have a form no public source confirms; check one on the appliance by hand, then run again with --send-inferred

## The journal.

apply-journal-unreadable = this line of the journal does not read
apply-journal-other-script = this journal is of another script or vendor; move it away to apply this script
apply-journal-unfinished = the journal { $journal } shows an apply that did not finish: run again with --resume to finish it
apply-journal-other-appliance = the journal was written for { $wanted }, and this appliance is { $name }

## Checks before the first write.

apply-connection-failed = { $host }: { $error }
apply-wrong-appliance = { $host } is { $name }, and the script is for { $wanted }: nothing was sent
apply-version-not-reached = { $host } runs version { $runs }, and the script is for version { $to } or later: nothing was sent
apply-drift = { $host } no longer holds what { $against } showed of { $count } item(s) the script writes: { $items }; capture it again and write the script again. Nothing was sent
apply-not-confirmed = not confirmed: nothing was sent
apply-no-terminal = apply asks before the first write, and there is no terminal to ask on: give --yes to send without asking

## Sending.

apply-lost-not-idempotent = the answer to `{ $command }` was lost, reading { $host } cannot show whether it took effect, and sending it again is not safe: check it on the appliance; if it took effect, append a took_effect record with its line to the journal, then run again with --resume
apply-refused = the appliance refused `{ $command }`: { $answer }. The journal shows where the run stopped: fix the cause, then run again with --resume
apply-connection-lost = the connection to { $host } broke at `{ $command }`: { $error }. The journal shows where the run stopped: run again with --resume

## The summary and the question, on standard error.

apply-summary-appliance = appliance: { $appliance } at { $host }, version { $version }
apply-summary-commands = commands to send: { $commands } ({ $done } confirmed by an earlier run)
apply-summary-inferred = commands of an inferred form: { $count } (lines { $lines })
apply-summary-restarts = commands that restart a service, as far as the catalog knows: { $count }
apply-summary-by-hand = steps by hand: apply does none of them; the script's remarks and its runbook list them
apply-summary-drift = { $checked ->
    [yes] checked against the capture the script was computed against: no drift
   *[no] not checked for drift: the script was not computed against a capture (restore --against)
}
apply-question = Type yes to send these commands:

## The report.

apply-would-send = would send line { $line }: { $command }
apply-dry-run = dry run: { $count } command(s) would be sent, nothing was written
apply-done = sent { $sent } command(s), each confirmed; { $took_effect } found done already; journal: { $journal }
apply-finished-before = the journal { $journal } shows this script applied already: nothing was sent

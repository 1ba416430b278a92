# The messages of commits `track --commit` and `fetch --commit` make, and what the run says of
# them. A commit message is a machine file: it is written in the stored language.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

## a commit's subject line

git-subject-new = carryover { $command }: { $appliance } added
git-subject-changed = carryover { $command }: { $appliance } changed
# $appliances: each `<vendor>/<host>`, joined by `, `.
git-subject-many = carryover { $command }: { $count } appliances changed: { $appliances }
git-subject-format = carryover { $command }: stored format { $version }, no configuration changed

## a commit's body: a line per appliance

git-body-new = - { $appliance }: new
git-body-counts = - { $appliance }: { $added } added, { $removed } removed, { $changed } changed
git-body-counts-not-captured = - { $appliance }: { $added } added, { $removed } removed, { $changed } changed; { $not_captured } not captured this time (not removed)
git-body-counts-newly-captured = - { $appliance }: { $added } added, { $removed } removed, { $changed } changed; { $newly_captured } captured for the first time (not added)
git-body-counts-both = - { $appliance }: { $added } added, { $removed } removed, { $changed } changed; { $not_captured } not captured this time (not removed); { $newly_captured } captured for the first time (not added)
# $counts: one of the lines above; $since: each commit (`<hash> <date>`), joined by `, `.
git-body-since = { $counts }; { $earlier } added, removed or changed since last captured in full ({ $since })
git-body-format = - { $appliance }: stored format { $from } -> { $to }, no configuration changed
git-body-unknown = - { $appliance }: changed before this run
git-body-deleted = - { $appliance }: deleted
# A paragraph of its own after the lines, when the appliances stored hold secrets.
git-body-secrets = Secrets are not compared: { $secrets } in { $holding } appliance(s) are stored masked, so one that changed counts as unchanged.

## what the run says

git-committed = committed: { $subject }
git-nothing-committed = commit: nothing changed, no commit made
git-nothing-committed-secrets = commit: no commit made: nothing changed that track compares, and secrets are not compared

## a file that is no capture, handed over by git (the note on standard error)

git-no-capture-as-it-is = carryover: { $path } is no capture; shown as it is
git-no-capture-plain-diff = carryover: { $path } is no capture; shown as a plain diff

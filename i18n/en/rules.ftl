# What the release notes' rules say beyond their titles: the gates of `plan`, what no capture
# can hold, the state of backups, the patches a listing never shows, and carryover's own
# suggestions, marked as such. Arguments are filled as the captures hold them.

remedy-suggestion = carryover's suggestion, not the note's: { $step }
remedy-if-is-suggestion = if it is `{ $value }`: carryover's suggestion, not the note's: { $step }
finding-backup-drops-not-captured = { $title }: not captured: { $count } setting(s) of the by-hand template, and { $uncapturable } kind(s) of setting no capture holds
finding-backup-drops-by-hand = { $title }: not captured: { $uncapturable } kind(s) of setting no capture holds
item-not-captured-by = not captured: by-hand.txt line { $line }
remedy-fill-in = fill in the line(s) { $lines } of the capture folder's by-hand.txt, then read the folder again
remedy-note-by-hand = as no capture holds it: record { $what } before importing a backup, and re-apply after the import
finding-form-inferred = { "" } (inferred: no public source shows every answer of `{ $form }`)
finding-backup-not-captured = { $title }: not captured: `{ $command }` was not run
finding-backup-none = { $title }: `{ $command }` lists no backup
finding-backup-done = the last backup is done ({ $backup })
finding-backup-not-done = { $title }: the last backup is not done ({ $backup })
finding-update-unlisted = { $title }: cannot tell: `update list` never shows { $name }
finding-gate-blocks = { "" }; it blocks the upgrade until confirmed with --confirm { $rule } (seen: { $seen })
finding-gate-blocks-unseen = { "" }; it blocks the upgrade until confirmed with --confirm { $rule } (nothing captured shows it)
finding-lost = { $count } item(s) of the pre-upgrade capture the post-upgrade capture lacks or holds differently
finding-lost-not-compared = { $count } item(s) of the pre-upgrade capture in ranges the post-upgrade capture did not observe: not compared
item-lost = not in the post-upgrade capture
item-changed = now { $now }
remedy-restore-against = put them back with `carryover restore --to { $to } PRE --against POST`, which writes only what the post-upgrade capture lacks
step-form-inferred = (inferred: no public source confirms this command's form)
capture-form-inferred = inferred form: no public source confirms `{ $command }`; if the appliance refuses it, correct it in the vendor's catalog
finding-hardware-not-captured = { $title }: the hardware model not captured (the login banner names it)
finding-hardware-eligible = { $model } is a model the note names
finding-hardware-not-eligible = { $title }: { $model } is not a model the note names

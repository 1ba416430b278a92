# Why `track` could not track a file, shown after `error:` on standard error and in its JSON.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

track-folder-unnamed = a capture directory needs a name
track-unreadable = { $reason }
track-no-vendor = no vendor carryover knows claims this file
track-no-appliance = names no appliance (no host prompt, `# host:` header or greeting)
track-appliances-collide = different appliances { $appliances } would share { $file }: never merged, none written; track them into separate repositories
track-reader-failed = carryover failed on this capture (a bug: please report it)
track-host-cannot-name-file = the host name `{ $host }` cannot name a file: letters, digits, `-` and `_` only, at most 63 of them
track-outside-repository = is outside the repository
track-link-in-repository = is a link: links in the repository are not followed

## why a file or folder was not read

# Why, in the words of the check for junk files.
track-skipped-link-inside = skipped: a link inside the source folder; its target is read as itself
track-skipped-link-outside = skipped: a link that leads out of the source folder
track-skipped-older-folder = skipped: another capture folder of `{ $host }` is tracked, { $kept } (the last in path order)

## the report for a terminal

track-note-failed = { $path }: error: { $why }
track-note-skipped = { $path }: note: { $why }
track-wrote = wrote { $path }
track-update-log = update log { $path }: { $from } -> { $to }: { $state }
track-update-completed = completed
# The anomalies, in the words of the vendor's update-log check, joined by `; `.
track-update-anomaly = ANOMALY: { $anomalies }
track-summary = { $appliances } appliance(s) from { $files } file(s): { $written } written, { $unchanged } unchanged; { $unrecognized } unrecognized line(s); { $skipped } skipped; { $logs } update log(s), { $anomalies } with an anomaly; { $failed } failed
# $summary: the line above. The appliances stored hold secrets: their files hold them masked
# and nothing derived from them, so a secret that changed is not seen.
track-summary-secrets = { $summary }; secrets not compared: { $secrets } in { $holding } appliance(s), stored masked, so one that changed counts as unchanged (compare two captures with `carryover diff`)

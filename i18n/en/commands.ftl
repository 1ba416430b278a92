# Warnings and notes of the subcommands' reports, for standard error.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

## diff

diff-markdown-table-head = | | item | old | new |
diff-markdown-stat-head = | area | added | removed | changed |
# A secret that differs: its values are never shown, only that it changed.
diff-secret-changed = { $path } (secret changed)
# The same, in a table's cell beside the item's path.
diff-secret-changed-cell = (secret changed)
# On standard error beside a unified diff, which masks secrets on both sides.
diff-unified-secret-changed = { $path }: the secret changed (a unified diff shows no secret)
diff-summary = { $count } { $count ->
        [one] difference
       *[other] differences
    }: { $added } added, { $removed } removed, { $changed } changed
diff-summary-not-compared = { $not_compared } not compared (not captured on one side); { $count } { $count ->
        [one] difference
       *[other] differences
    }: { $added } added, { $removed } removed, { $changed } changed
diff-side-old = A (old)
diff-side-new = B (new)
diff-not-captured-in = not compared: not captured in { $side } ({ $count })
diff-capture-with = capture with: { $commands }
diff-markdown-not-compared = Not compared (not captured on one side):
diff-markdown-item = `{ $path }`: not captured in { $side }
diff-markdown-item-capture = `{ $path }`: not captured in { $side }; capture with `{ $commands }`

## restore

restore-values-left-out = { $count } value(s) cannot be written in { $encoding } and were left out of the script (see its `not written` remarks); an encoding that holds them, such as utf-8, writes them
restore-values-not-carried = { $count } value(s) hold a character no script line can carry (a NUL or another control character) and were left out of the script (see its `not written` remarks): set them by hand
# A step the vendor's import files leave to be done by hand, in the vendor's words.
restore-import-secret-left-out = { $step }

## verify-update

verify-update-not-a-log = not an update log: no numbered step `001: ...` and no `Install revision` header
verify-update-ambiguous = { $vendors } each read this as an update log: carryover cannot tell whose it is
verify-update-none-in-folder = no update log in this folder (a log with numbered steps `001: ...` or an `Install revision` header)
verify-update-unreadable = { $reason }

## the writer

write-is-a-folder = is a folder; name a file to write
write-named-twice = is named twice among the outputs of this run: one would overwrite the other, and nothing is written
write-host-cannot-name-file = the host name `{ $host }` cannot name a file: letters, digits, `-` and `_` only, at most 63 of them

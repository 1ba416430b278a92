## Scripts refuse the characters that reorder what a reader sees

# A value bound for a script holds a bidirectional control (U+202E and the like): the script
# would read in another order than it runs. Nothing is written.
emit-bidi-refused = { $item } holds the bidirectional control character { $code }, which would make the script read in another order than it runs: no script was written. Remove the character from the capture, or restore this item by hand
# Why one command was not written (the remark of a script, or a capture plan).
emit-bidi-not-written = a value holds the bidirectional control character { $code }

## Commands that hide a secret

# Masking keeps nothing after a secret's name: two commands that differ only there are one item.
read-raw-secret-merged = `{ $command }` hides a secret, and so does the command at { $other_at }, differently: carryover cannot tell one command given twice from two commands that differ in what is hidden (a user's name after the secret's), so it keeps only this one

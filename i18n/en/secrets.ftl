## Scripts refuse the characters that reorder what a reader sees

# A value bound for a script holds a bidirectional control (U+202E and the like): the script
# would read in another order than it runs. Nothing is written.
emit-bidi-refused = { $item } holds the bidirectional control character { $code }, which would make the script read in another order than it runs: no script was written. Remove the character from the capture, or restore this item by hand
# Why one command was not written (the remark of a script, or a capture plan).
emit-bidi-not-written = a value holds the bidirectional control character { $code }

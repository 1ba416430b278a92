# What the source layer says about an input's bytes before any vendor reads it: errors that
# stop a run, and warnings about what was changed to read it.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

source-stdin-twice = `-` (standard input) is named more than once; it can be read only once
source-nul-byte = a NUL byte: this is not a text capture
source-nul-byte-expected = text in one encoding (a CLI log, a transcript or an export), not compressed or binary data
source-nul-byte-far = line { $line }, column { $column } holds a NUL byte: this is not a text capture
source-invalid-bytes = line { $line }: { $count } byte(s) that are not valid { $encoding }
source-bytes-replaced = { $count } byte(s) are not valid { $encoding } and were replaced by U+FFFD
source-prefix-quoted = every line carries `{ $mark }` (a quoted paste), as a log pasted from a ticket does: it was removed before reading
source-prefix-indented = every line carries an indentation of { $width } blank(s), as a log pasted from a ticket does: it was removed before reading
source-timestamps-removed = { $count } timestamp(s) that a terminal program wrote at the start of lines (the first on this line) were removed before reading

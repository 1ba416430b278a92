# What a run says about its inputs on standard error: warnings, refused commands, line counts.

diagnostics-line-counts = { $path }: { $lines } lines, { $read } read, { $not_understood } not understood (see --unrecognized)
diagnostics-unrecognized-count = { $count ->
    [one] { $count } unrecognized line
   *[other] { $count } unrecognized lines
}

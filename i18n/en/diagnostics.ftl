# What a run says about its inputs on standard error: warnings, refused commands, line counts.

diagnostics-warning = { $at }: warning: { $warning }
diagnostics-refused = { $at }: note: `{ $command }` was refused ({ $answer }); it changes nothing
diagnostics-line-counts = { $path }: { $lines } lines, { $read } read, { $not_understood } not understood (see --unrecognized)
diagnostics-unrecognized-count = { $count ->
    [one] { $count } unrecognized line
   *[other] { $count } unrecognized lines
}

# What a run says on standard error about its inputs, each distinct note once (-q: nothing,
# -v: everything); the line counts are in diagnostics.ftl.

quiet-located = { $at }: { $said }
quiet-repeated = { $said } ({ $count } times; first at { $at })
quiet-warning = warning: { $warning }
quiet-refused = note: `{ $command }` was refused ({ $answer }); it changes nothing
quiet-absent = note: { $version } answered that it has no `{ $command }` ({ $answer }): a command this version lacks, or a typo
quiet-absent-version-unknown = note: this appliance has no `{ $command }` ({ $answer }); the captures show no version

# A capture's value too long to quote whole on standard error: its start, then how much of it
# that is.
quiet-quoted-start = { $start }… (the first { $shown } of { $length } characters)

quiet-all-read = { $path }: { $lines } lines, all read

# `man --all`.
quiet-man-all-needs-dir = man --all writes its pages into a folder: name it with -o DIR
quiet-man-all-not-a-dir = { $path } is not a folder: man --all writes its pages into a folder

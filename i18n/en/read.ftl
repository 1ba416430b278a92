# What reading notes about inputs, for every vendor.

read-skipped = skipped: { $why }, not part of the capture

## How a file's kind was chosen, when the evidence is not clear

read-doubt-explains-little = read as a { $vendor } { $kind } ({ $evidence }), but it explains little of the file: considered { $scores }; force a kind with --kind { $kinds }
read-doubt-close = read as a { $vendor } { $kind } ({ $evidence }), but another reading is close: considered { $scores }; force a kind with --kind { $kinds }
read-kind-doubted = read with --kind { $flag }, but it clearly looks like a { $vendor } { $kind } ({ $evidence }; scores: { $scores }): check --kind

## Errors that stop reading

read-walk-failed = { $reason }
read-capture-folders = { $count } capture folders ({ $folders }): each is a whole capture of one appliance at one time; name one (diff compares two)
read-no-capture-files = no capture files in { $paths } (folders are walked; hidden files and what file managers leave are skipped)
read-no-input-files = no input files
read-folder-nothing-read = no configuration item could be read from this { $vendor } capture folder; expected { $expected }
read-nothing-read = no configuration item could be read: { $lines } line(s), { $not_understood } not understood; it looks most like a { $vendor } { $kind } ({ $evidence }; scores: { $scores }); expected { $expected }
read-nothing-read-prefixed = no configuration item could be read: { $lines } line(s), { $not_understood } not understood; it looks most like a { $vendor } { $kind } ({ $evidence }; scores: { $scores }); every line starts with `{ $prefix }`, a prefix carryover does not know (remove it); expected { $expected }
read-nothing-claimed = no configuration item could be read: { $lines } line(s), nothing carryover reads; expected { $expected }
read-nothing-claimed-prefixed = no configuration item could be read: { $lines } line(s), nothing carryover reads; every line starts with `{ $prefix }`, a prefix carryover does not know (remove it); expected { $expected }
read-two-vendors = captures of a { $first } and a { $second } appliance; read one appliance at a time
read-two-vendor-captures = { $asked_by ->
        [diff] diff compares two captures of one appliance: {""}
        [against] --against: {""}
       *[other] {""}
    }a { $first } capture and a { $second } capture: one appliance at a time
read-two-appliances = { $asked_by ->
        [diff] diff compares two captures of one appliance: {""}
        [against] --against: {""}
       *[other] {""}
    }captures of appliance { $first } and of appliance { $second }: one appliance at a time

## Vendors: the registry

vendor-unsupported = carryover cannot do { $what } for { $vendor } captures
vendor-unknown = no vendor `{ $id }` is known
vendor-no-release-notes = carryover has no release notes for { $vendor } yet: show, diff and track work, gaps, plan and restore do not

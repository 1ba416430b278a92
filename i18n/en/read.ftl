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
read-two-vendors = captures of a { $first } and a { $second } appliance; read one appliance at a time
read-two-vendor-captures = a { $first } capture and a { $second } capture: one appliance at a time
diff-two-vendor-captures = diff compares two captures of one appliance: a { $first } capture and a { $second } capture: one appliance at a time
restore-against-two-vendor-captures = --against: a { $first } capture and a { $second } capture: one appliance at a time
read-two-appliances = captures of appliance { $first } and of appliance { $second }: one appliance at a time
diff-two-appliances = diff compares two captures of one appliance: captures of appliance { $first } and of appliance { $second }: one appliance at a time
restore-against-two-appliances = --against: captures of appliance { $first } and of appliance { $second }: one appliance at a time

## Vendors: the registry

vendor-unsupported = carryover cannot do { $what } for { $vendor } captures
vendor-unknown = no vendor `{ $id }` is known
vendor-no-release-notes = carryover has no release notes for { $vendor } yet: show, diff and track work, gaps, plan and restore do not

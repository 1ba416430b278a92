# What reading notes about inputs, for every vendor.

## Files a walk over a folder leaves out, and why

skipped-finder-settings = skipped: macOS Finder's folder settings, not part of the capture
skipped-explorer-thumbnails = skipped: Windows Explorer's thumbnail cache, not part of the capture
skipped-explorer-settings = skipped: Windows Explorer's folder settings, not part of the capture
skipped-media-center-thumbnails = skipped: Windows Media Center's thumbnail cache, not part of the capture
skipped-resource-fork = skipped: a macOS resource fork (AppleDouble) a copy to a share left, not part of the capture
skipped-lock-file = skipped: an office program's lock file, not part of the capture
skipped-archive = skipped: an archive (a backup kept beside the capture), not part of the capture
skipped-hidden-file = skipped: a hidden file, not part of the capture
skipped-archive-metadata = skipped: macOS archive metadata, not part of the capture
skipped-folder = skipped: a hidden or archive-metadata folder, not part of the capture

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
read-two-versions = { $at } shows version { $version }, and { $other_at } shows { $other }: captures read together are merged into one model of one moment; read the captures of one version together (`diff` compares two moments)
read-two-vendor-captures = a { $first } capture and a { $second } capture: one appliance at a time
diff-two-vendor-captures = diff compares two captures of one appliance: a { $first } capture and a { $second } capture: one appliance at a time
restore-against-two-vendor-captures = --against: a { $first } capture and a { $second } capture: one appliance at a time
read-two-appliances = captures of appliance { $first } and of appliance { $second }: one appliance at a time
diff-two-appliances = diff compares two captures of one appliance: captures of appliance { $first } and of appliance { $second }: one appliance at a time
restore-against-two-appliances = --against: captures of appliance { $first } and of appliance { $second }: one appliance at a time

## An upgrade inside one capture

read-upgrade-starts-over = version { $version } here, after { $other } at { $other_at }: what was read before it is of the appliance before the upgrade, which may have reset it, so it is left out of this model; capture it again after the upgrade

## Vendors: the registry

vendor-unsupported = carryover cannot do { $what } for { $vendor } captures
vendor-can-read-folder = reading { $path }
vendor-can-capture-plan = a capture plan
vendor-can-restore = restore scripts
vendor-can-import-files = UI import files
vendor-unknown = no vendor `{ $id }` is known
vendor-no-release-notes = carryover has no release notes for { $vendor } yet: show, diff and track work, gaps, plan and restore do not

## Two captures that name different appliances

read-two-hosts = captures of two appliances: `{ $first }` and `{ $second }`; read one appliance at a time
read-two-domains = captures of two appliances: `{ $first }` and `{ $second }` share the short name `{ $short }`; read one appliance at a time

## Files that yield no configuration

read-not-clearly-a-capture = not clearly a capture ({ $scores }), and reading it as one failed:
read-nothing-read = no configuration item could be read: { $lines } line(s), { $not_understood } not understood; it looks most like a { $vendor } { $kind } ({ $evidence }; scores: { $scores }); expected { $expected }
read-nothing-read-prefix = no configuration item could be read: { $lines } line(s), { $not_understood } not understood; it looks most like a { $vendor } { $kind } ({ $evidence }; scores: { $scores }); every line starts with `{ $prefix }`, a prefix carryover does not know (remove it); expected { $expected }
read-nothing-claimed = no configuration item could be read: { $lines } line(s), nothing carryover reads; expected { $expected }
read-nothing-claimed-prefix = no configuration item could be read: { $lines } line(s), nothing carryover reads; every line starts with `{ $prefix }`, a prefix carryover does not know (remove it); expected { $expected }

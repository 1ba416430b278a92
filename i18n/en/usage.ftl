# Errors of use: a command line, or an inventory, that asks for what cannot be done.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.
# Arguments are filled in as they are: the whole error is made safe for the terminal once.

## diff

usage-diff-stat-unified-conflict = --stat and --format unified conflict: a unified diff has no counts
usage-diff-both-sides-empty = both sides of the diff are empty

## fetch

usage-fetch-into-track-separate = --into { $into } and --track { $repo } must be separate folders: neither inside the other
usage-fetch-flag-taken-by-none = { $flag } is taken by none of the appliances to fetch: { $wanted }
usage-fetch-unknown-vendor = { $host }: no vendor `{ $name }` is known ({ $vendors })
usage-fetch-cannot-fetch-from = carryover cannot fetch from { $vendor } appliances
usage-fetch-no-user = { $host }: no user to log in as: give --user, or the inventory's user column

## restore

usage-restore-utf8-only = carryover writes { $vendor } restore scripts in UTF-8 only, not { $encoding }

## track

usage-track-repository-is-source = the repository { $into } is the folder of captures itself: name another folder with --into

## capture

usage-capture-which-vendor = which vendor's capture? give --vendor ({ $vendors }), or a capture already made
usage-capture-vendor-mismatch = --vendor { $named } but the captures given are of { $vendor }

## plan, gaps and the other commands

usage-plan-already-at-target = the captures already run { $from }: plan checks an upgrade before it is made (gaps checks what still holds after it)
usage-to-older-than-captured = --to { $to } is older than the captured version { $from }: carryover plans upgrades, not downgrades
usage-output-is-a-capture = { $path } is one of the captures read, or inside a capture folder read: writing to it would change the capture

## verify-update

usage-verify-update-no-vendor = no vendor carryover knows has update logs

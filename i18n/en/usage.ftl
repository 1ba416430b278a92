# Errors of use: a command line, or an inventory, that asks for what cannot be done.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.
# Arguments are filled in as they are: the whole error is made safe for the terminal once.

## diff

usage-diff-arguments = diff takes OLD NEW, or --old FILE... --new FILE..., or git's seven arguments
usage-diff-color-format-conflict = --color always and --format other than human conflict: only human output is coloured
usage-diff-stat-unified-conflict = --stat and --format unified conflict: a unified diff has no counts
usage-diff-both-sides-empty = both sides of the diff are empty
usage-diff-ignore-pattern = --ignore { $pattern }: { $reason }
usage-diff-ignore = --ignore: { $reason }

## fetch

usage-fetch-no-secret-given-not-terminal = { $host }: no { $kind ->
        [password] password
       *[api-token] API token
    } given: use { $kind ->
        [password] --password-env or --password-file
       *[api-token] --token-env
    }, or a credential reference in the inventory
usage-fetch-no-secret-given = no { $kind ->
        [password] password
       *[api-token] API token
    } given
usage-fetch-into-track-separate = --into { $into } and --track { $repo } must be separate folders: neither inside the other
usage-fetch-flag-taken-by-none = { $flag } is taken by none of the appliances to fetch: { $wanted }
usage-fetch-unknown-vendor = { $host }: no vendor `{ $name }` is known ({ $vendors })
usage-fetch-cannot-fetch-from = carryover cannot fetch from { $vendor } appliances
usage-fetch-no-user = { $host }: no user to log in as: give --user, or the inventory's user column

## generated text

usage-generated-no-subcommand = no subcommand `{ $name }`
usage-generated-not-utf8 = generated text is not UTF-8: { $reason }

## encodings and restore

usage-unknown-encoding = unknown encoding `{ $label }`
usage-unknown-language = unknown language `{ $name }`: messages are in `ja` or `en`
usage-restore-runbook-takes-file = --runbook takes a file: the script is what goes to standard output
usage-restore-same-file = -o and --runbook name the same file, { $path }: one would be lost
usage-restore-output-encoding-ascii = --output-encoding { $label }: scripts are written in an ASCII-compatible encoding (utf-8, shift_jis, euc-jp, ...), not { $encoding }
usage-restore-utf8-only = carryover writes { $vendor } restore scripts in UTF-8 only, not { $encoding }

## track

usage-track-stdin = track reads a folder of captures; standard input is not one (use show -)
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

## the target version and the rules of a plan

usage-not-a-version = `{ $text }` is not a version (e.g. 4.2.3)
usage-to-other-family = --to { $to } is not a { $vendor } version: the captures show { $from } and the release notes known are { $count ->
        [0] none
       *[other] { $known }
    }
usage-to-other-family-no-version = --to { $to } is not a { $vendor } version: the captures show no version and the release notes known are { $count ->
        [0] none
       *[other] { $known }
    }
usage-no-note-between = no release note carryover knows lies between { $from } and { $to } (known: { $known }): nothing could be checked
usage-no-note-between-uncaptured = no release note carryover knows lies between the captured version and { $to } (known: { $known }): nothing could be checked
usage-confirm-unknown = --confirm { $ids }: no rule of this plan has that id
usage-confirm-unknown-blocking = --confirm { $ids }: no rule of this plan has that id (blocking now: { $blocking })

# What the Mirapoint MOS reader notes about a CLI log, a transcript or an export. Arguments
# are filled as the capture holds them; the terminal's sanitiser sees the whole line once.

mos-write-not-completed = `{ $command }` has no completion: its outcome is unknown, so it was not applied
mos-read-not-completed = `{ $command }` has no completion: what follows it may be no answer, so it was not read
mos-answer-not-completed = the answer to `{ $command }` has no completion, so it may be incomplete (a cut log or a quit pager)
mos-write-printed = `{ $command }` printed `{ $printed }`, which a write does not: the command line may have been cut at the terminal width, so it was not applied
mos-not-a-version = `{ $text }` is not a version
mos-version-printed-nothing = `version` printed nothing
mos-value-wrapped = the value of { $name } may have been wrapped at the terminal width: line { $next } was not read as part of it
mos-quoted-value-rejoined = a quoted value cut at the terminal width was rejoined with line { $next }: `{ $entry }`
mos-list-not-completed = the list answer to `{ $command }` has no completion, so it may be incomplete: its { $count } entries were added, the list is not known in full
mos-listing-cut = the listing of { $scope } { $list } starts with `{ $first }`, no list value: the command line may have been cut at the terminal width, so the listing was not applied
mos-update-not-confirmed = update install was not confirmed; nothing installed
mos-not-a-valid-value = `{ $text }` is not a valid value of { $name }; kept as text
mos-command-wrapped = the command line is { $width } columns wide, a terminal's width, and line { $next } is no answer: the terminal wrapped the command, read as `{ $command }`

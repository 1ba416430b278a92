# What the Mirapoint MOS reader notes about a CLI log, a transcript or an export. Arguments
# are filled as the capture holds them; the terminal's sanitiser sees the whole line once.

mos-write-not-completed = `{ $command }` has no completion: its outcome is unknown, so it was not applied
mos-read-not-completed = `{ $command }` has no completion: what follows it may be no answer, so it was not read
mos-answer-not-completed = the answer to `{ $command }` has no completion, so it may be incomplete (a cut log or a quit pager)
mos-write-printed = `{ $command }` printed `{ $printed }`, which a write does not: the command line may have been cut at the terminal width, so it was not applied
mos-scope-not-in-prompt = `domain setcurrent { $domain }` at line { $line } selected a delegated domain, and this prompt does not show it: read in the scope of { $domain }, as the command said
mos-exception-scope-in-domain = `{ $command }` names `{ $scope }` while the delegated domain { $domain } is selected: whether the appliance takes it for the list of { $domain } or the system's is not known, so it was not read; list it with no delegated domain selected
mos-upgrade-version-not-read = `update install` at line { $line } installed { $file }, the package of release { $release }, and the log goes on without a `version` answer: what was read before the upgrade and after it are merged into one model; run `version` after the upgrade, or capture after it in a log of its own
mos-not-a-version = `{ $text }` is not a version
mos-version-printed-nothing = `version` printed nothing
mos-version-more-than-release = `{ $answer }` was read as release { $version }: no public source shows a `version` answer with more after the release, so what follows it (`{ $more }`: a patch? a build?) is left out, and this is the same release as an answer of { $version } alone; check that the appliance runs { $version }
mos-value-wrapped = the value of { $name } may have been wrapped at the terminal width: line { $next } was not read as part of it
mos-quoted-value-rejoined = a quoted value cut at the terminal width was rejoined with line { $next }: `{ $entry }`
mos-value-rejoined = an unquoted entry as wide as the terminal was rejoined with line { $next }, the rest of its address (a list entry holds one `@`): `{ $entry }`
mos-list-not-completed = the list answer to `{ $command }` has no completion, so it may be incomplete: its { $count } entries were added, the list is not known in full
mos-list-pager-quit = the list answer to `{ $command }` ends at a pager prompt, so the pager was quit there: its { $count } entries were added, the list is not known in full
mos-listing-pager-quit = the answer to `{ $command }` ends at a pager prompt, so the pager was quit there: what it lists is not known in full
mos-list-lines-unread = { $lines } line(s) of the list answer to `{ $command }` were read as no entry, so the list is not known in full: its { $count } entries were added
mos-listing-cut = the listing of { $scope } { $list } starts with `{ $first }`, no list value: the command line may have been cut at the terminal width, so the listing was not applied
mos-update-not-confirmed = update install was not confirmed; nothing installed
mos-not-a-valid-value = `{ $text }` is not a valid value of { $name }; kept as text
mos-command-wrapped = the command line is { $width } columns wide, a terminal's width, and line { $next } is no answer: the terminal wrapped the command, read as `{ $command }`

# What the MOS parsers note about a capture's syntax: data blocks and literals.

mos-data-block-unterminated = data block has no terminating '.' line
mos-data-block-ends-with-key = data block has no terminating '.' line: it ends with its key block
mos-export-unsplittable = this export line does not split into words
mos-export-unsplittable-expected = a command whose quoted words are closed, with only \\ and \" as escapes
mos-literal-overflow = literal announces { $announced } bytes, but only { $available } remain in the input
mos-literal-overflow-expected = a literal body of the announced size (is the capture cut short?)
mos-literal-padded = literal announces { $announced } bytes, which fits its body once the trailing padding of its lines is removed; the value is read without it
mos-literal-counted-another-way = literal announces { $announced } bytes, which fits its body only when counted with { $way ->
        [0] the appliance's own line ends
        [1] the other line ends than the appliance's
        [2] UTF-8 bytes instead of the file's encoding
       *[3] UTF-8 bytes and the other line ends
    }; read by its count, so check how the value ends
mos-literal-to-boundary = literal announces { $announced } bytes, which fits no line end of its body; the body was taken up to the next completion or prompt line ({ $lines } line(s))
mos-literal-to-sentinel = literal announces { $announced } bytes, which fits no line end of its body; the key block was taken up to #@Mirapoint-Key-End
mos-literal-tab = line { $line } of the literal ends in a tab, kept in the value as its count says
mos-literal-pager-lines = { $count } pager prompt line(s) (`--More--`, first at line { $first }) inside the literal are no part of its value

# How a person applies a restore script and captures the appliance again (the runbook).

mos-how-to-apply = After the upgrade has finished and the appliance has rebooted, log in to its CLI as administrator with terminal logging on and enter `{ $script }` line by line (paste it). Lines starting with `# ` (a hash and a space) are remarks; a key block's `#@Mirapoint` lines are part of the key. A command that adds something already there may answer `NO`; that is harmless.
mos-how-to-recapture = Capture the upgraded appliance again, with terminal logging on:

# Why a restore command is not written (a remark in the script).

mos-refused-line-break = { $placeholder } holds a line break

# Why every capture holds a command (a remark above it in `carryover capture`'s commands).

mos-capture-why-version = the version: which release notes apply
mos-capture-why-licenses = licenses
mos-capture-why-updates = installed updates and patches
mos-capture-why-domains = delegated domains: each is a scope of its own
mos-capture-why-uce-exceptions = UCE exceptions, to compare with the export

# What a MOS capture looks like, and what a reading of one rests on (in messages about what a
# file was read as).

mos-expects = a Mirapoint MOS CLI log (prompts such as `rg01>` with commands answered by `OK Completed`), admin-protocol transcript (tagged commands and `a001 OK` completions) or config export (one command per line, such as `smtp set fastpath on`)
mos-evidence-cli = { $anchors } command(s) at a prompt answered to their completion; { $explained } of { $lines } non-blank line(s) explained
mos-evidence-protocol = { $anchors } tagged command(s) with their tagged completion; { $explained } of { $lines } non-blank line(s) explained
mos-evidence-export = { $anchors } known command(s) or header comment(s); { $explained } of { $lines } non-blank line(s) explained

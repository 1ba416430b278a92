# The words of `--help` and the man pages, made from the flags' doc comments and the
# subcommands' examples (src/cli/help.rs): do not edit here. Change the doc comment, then run
# `CARRYOVER_UPDATE_HELP=1 cargo test --bin carryover`, and give the Japanese the same id in
# i18n/ja/help.ftl.

help-heading-usage = Usage:
help-heading-arguments = Arguments
help-heading-options = Options
help-heading-commands = Commands
help-values = Possible values
help-default = default
help-man-name = NAME
help-man-synopsis = SYNOPSIS
help-man-description = DESCRIPTION
help-man-subcommands = SUBCOMMANDS
help-man-version = VERSION
help-man-authors = AUTHORS
help-any--ca =
    PEM certificates to trust besides the built-in roots: the appliance's own self-signed certificate, or your CA's
help-any--color =
    Colour: auto (on a terminal, unless NO_COLOR is set or CLICOLOR_FORCE asks for it), always or never
help-any--color-value-always =
    Always, even into a pipe or a file
help-any--color-value-auto =
    On a terminal, as anstream decides from the terminal and NO_COLOR, CLICOLOR and CLICOLOR_FORCE
help-any--color-value-never =
    Never
help-any--encoding =
    Read the inputs in this encoding instead of detecting it (utf-8, shift_jis, euc-jp, ...)
help-any--format =
    The output format
help-any--format-value-github =
    GitHub Actions annotations (`::error file=..,line=..::`) on the capture lines
help-any--format-value-human =
    Text for a terminal: a title line, then one block per finding
help-any--format-value-json =
    JSON with `format_version`, as `carryover schema findings` describes it
help-any--format-value-markdown =
    Markdown, for a ticket or a review comment
help-any--format-value-sarif =
    SARIF 2.1.0, for GitHub code scanning (upload-sarif)
help-any--help_uri_base =
    With --format sarif: where the rule pages are published (the folder of docs/rules/), so that each rule's helpUri is URL/ID.md; without it, no helpUri is written
help-any--insecure =
    Accept any certificate. Anyone on the path can then read the password; warned about on every run
help-any--kind =
    Read the inputs as this kind instead of detecting it from their content
help-any--kind-value-cli =
    An interactive CLI session log
help-any--kind-value-export =
    A configuration export: a command script
help-any--kind-value-protocol =
    An admin-protocol (port 10143) transcript
help-any--output =
    Write to FILE instead of standard output (`-`: standard output). The file is replaced atomically: a failed run leaves it as it was
help-any--password_env =
    Read the password (Mirapoint MOS) from this environment variable
help-any--password_file =
    Read the password (Mirapoint MOS) from the first line of this file, which only its owner may read
help-any--paths =
    Capture files or directories of one appliance (CLI logs, transcripts, exports, capture folders); `-` reads standard input
help-any--plaintext =
    Talk in the clear instead of TLS: the password crosses the network readable
help-any--port =
    The port, when not the vendor's default (Mirapoint MOS: 10243 with TLS, 10143 plaintext; SpamTitan: 443 with TLS, 80 plaintext)
help-any--profile-value-full =
    Every read form of the vendor's catalog, every list in every scope and delegated domain: what the catalog can read, not the appliance's whole configuration
help-any--profile-value-rules =
    What every capture holds and what the release notes' rules need
help-any--timeout =
    Seconds to wait to connect, and for each read
help-any--token_env =
    Read the API token (SpamTitan) from this environment variable
help-any--user =
    The user to log in as (Mirapoint MOS)
help-apply--dry_run =
    Do everything but write: log in, check, read back, and show what would be sent
help-apply--format =
    The report's format
help-apply--format-value-human =
    Lines for people: what was sent, the fetch and the explained diff afterwards
help-apply--format-value-json =
    JSON with `format_version`, as `carryover schema apply` describes it, on every exit
help-apply--host =
    The appliance to send it to: a host name or address
help-apply--into =
    Then fetch the appliance again into this folder
help-apply--pre =
    Then compare this pre-upgrade capture with the new one, each difference labelled by the rules, and exit as `diff --explain` does
help-apply--resume =
    Continue the run the journal shows, after its last confirmed command
help-apply--script =
    The restore script, written by `carryover restore -o SCRIPT` (its plan file SCRIPT.plan beside it)
help-apply--send_inferred =
    Also send commands whose form no public source confirms
help-apply--yes =
    Send without asking: needed where there is no terminal to ask on
help-apply-about =
    Send a reviewed restore script to one appliance, one command at a time, with a journal
help-apply-after =
    One script, one appliance: fleets and undo are out of scope. Before the first write, apply
    logs in, checks the appliance's name, vendor and version, and reads back everything the script
    writes: any drift from the capture the script was computed against stops it. Each command is
    sent alone and its answer checked; the journal beside the script (SCRIPT.journal) records
    each, and --resume finishes a run a refusal or a dropped connection stopped. SpamTitan
    scripts go over the REST and legacy APIs, the token from --token-env.

    Examples:
      carryover restore --to 4.2.3 pre/rg01.admind.txt --against post/rg01.admind.txt -o restore.txt
      carryover apply restore.txt rg01.example.net --user admin --password-env MOS_PASSWORD --dry-run
      carryover apply restore.sh st01.example.com --token-env ST_TOKEN --into after --pre pre/st01

    Exit status:
      0  every command was sent and confirmed, or the journal shows it was; with --pre, every difference is expected, applied or accepted, and nothing is not compared
      1  --pre: something lost, unexplained or not compared remains (as diff --explain)
      2  error; nothing is sent when the appliance, its version or its state is not what the script was computed against, or the script or journal does not match; a refused command or a lost connection stops the run (the journal says where)
help-capture--paths =
    Captures already made, to name their delegated domains (optional; `-`: standard input)
help-capture--profile =
    How much to capture
help-capture--vendor =
    The vendor to capture; without it, that of the captures given (needed when none is given)
help-capture-about =
    Print what to run so that a capture holds what gaps and plan need
help-capture-after =
    Examples:
      carryover capture --vendor mirapoint-mos
      carryover capture samples/mos/ms01-delegated-domains.log
      carryover capture --vendor spamtitan -o capture.sh

    Exit status:
      0  the commands (or the capture script) were printed
      2  error
help-completions--shell =
    The shell to complete for
help-completions-about =
    Print a shell completion script (bash, zsh, fish, elvish, powershell)
help-completions-after =
    Examples:
      carryover completions bash > ~/.local/share/bash-completion/completions/carryover
      carryover completions zsh > ~/.zfunc/_carryover

    Exit status:
      0  the script was printed
      2  error
help-diff--accept =
    With --explain: accept the differences of a rule, or of an item path glob or name, with your reason (repeatable), e.g. 'MOS-4.2.3-KI-5=set by hand' or 'smtp.fastpath=on by design'
help-diff--explain =
    Label each difference by the rules for the two captures' versions, with the rule's id: expected (the release changes it), applied (what the plan told you to do), lost (a known issue predicts it; restore --against writes it back), unexplained, or accepted. The exit status then says whether anything lost, unexplained or not compared remains
help-diff--format-value-github =
    GitHub Actions workflow commands, one annotation per difference (with --explain)
help-diff--format-value-human =
    One line per difference, coloured on a terminal
help-diff--format-value-json =
    JSON with `format_version`, as `carryover schema diff` describes it
help-diff--format-value-markdown =
    A Markdown table, for a review comment
help-diff--format-value-sarif =
    SARIF 2.1.0, one result per difference (with --explain)
help-diff--format-value-unified =
    A unified diff of the two canonical texts
help-diff--ignore =
    Leave out items whose path matches this glob (repeatable), e.g. 'lists/*/blacklist/*'
help-diff--new =
    A capture of the new side (repeat for several files)
help-diff--old =
    A capture of the old side (repeat for several files)
help-diff--paths =
    OLD and NEW, each a file or directory (`-`: standard input, for one of them); or the seven arguments git gives an external diff
help-diff--show_secrets =
    Show the values of changed secrets (private keys, passwords, session ids, API tokens) instead of `<secret>`; a file named by -o is then readable by its owner only
help-diff--stat =
    Only the counts per area (human, markdown or json)
help-diff-about =
    Compare two captures by setting, not by line: what an upgrade or a change did
help-diff-after =
    Examples:
      carryover diff samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.2.3-after.log
      carryover diff --stat --format json samples/spamtitan/7.08 samples/spamtitan/7.09
      carryover diff --explain --accept MOS-4.2.3-KI-6=re-added samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.2.3-after.log
      echo '*.log diff=carryover' >> .gitattributes
      git config diff.carryover.command 'carryover diff'

    Exit status (as diff(1)):
      0  the same: both sides looked at the same things and hold them equal (items not on the other side's version do not count); with --explain: every difference is expected, applied or accepted, and nothing is not compared
      1  differences, or items one side holds where the other did not look (not compared); with --explain: something lost, unexplained or not compared
      2  error, including captures of two appliances or two vendors
    As git's external diff (seven arguments) it exits 0, as git requires; a file it cannot read
    as a capture is shown as a line diff.
help-fetch--commit =
    Then commit what changed in the repository with git; no change, no commit
help-fetch--format =
    The report's format
help-fetch--format-value-human =
    A line per appliance, then what was tracked and committed, then the summary line, last
help-fetch--format-value-json =
    JSON with `format_version`, as `carryover schema fetch` describes it
help-fetch--hosts =
    Appliances to fetch from: host names or addresses
help-fetch--into =
    The folder to write each appliance's capture into
help-fetch--inventory =
    A CSV of appliances, `host,vendor,port,user,credential-ref` (credential-ref: `env:NAME` or `file:PATH`, never the credential itself)
help-fetch--jobs =
    How many appliances to fetch from at a time
help-fetch--profile =
    How much to read
help-fetch--track =
    Then track the captures into this repository, as `track DIR --into REPO` does
help-fetch--vendor =
    The vendor of appliances the inventory gives none for. Without it, the vendor is the one whose login the credential flags given fit (--user, a password, a token)
help-fetch-about =
    Collect captures from the appliances themselves, for one host or a whole fleet
help-fetch-after =
    Examples:
      carryover fetch rg01.example.net --user administrator --password-env RG_PASSWORD --into captures
      carryover fetch --inventory fleet.csv --into captures --track fleet-config --commit
      carryover fetch st01.example.net --vendor spamtitan --token-env ST_TOKEN --ca st01.pem --into captures

    Each capture is written whole or not at all: a failed appliance keeps its earlier capture.
    Captures are readable by their owner only (a transcript 0600, a capture folder 0700), whatever
    the umask: an answer may hold a secret no catalog names. The report (-o) is written on every
    exit: in JSON, an error that stops the run before any appliance (an unreadable inventory, a
    missing credential) is in it. Credentials come from the environment, a file only its owner may
    read, or a prompt on a terminal; never from the command line.

    Exit status:
      0  every appliance was fetched (commands the appliance refused are listed as not captured)
      2  an appliance failed (the others were still fetched), or another error
help-flag-help-long =
    Print help (see a summary with '-h')
help-flag-help-more =
    Print help (see more with '--help')
help-flag-version =
    Print version
help-gaps--pre =
    A capture of the same appliance from before the upgrade (repeat for several files): the inputs are then the captures after it, and the report adds what the upgrade lost
help-gaps--to =
    The version to upgrade to (default: the newest release note known)
help-gaps-about =
    Report what the known export and upgrade bugs would lose, with evidence and remedies
help-gaps-after =
    Examples:
      carryover gaps samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.1.9-export.cfg
      carryover gaps --format sarif -o gaps.sarif samples/spamtitan/7.08

    Exit status:
      0  no finding of warning level or above (not-captured facts and info may be printed)
      1  a finding of warning level or above
      2  error
help-help-about =
    Print this message or the help of the given subcommand(s)
help-main--lang =
    The language of what you read: `ja` or `en` (default: the locale's)
help-main--lang-long =
    The language of what you read: `ja` or `en` (default: the locale's)

    The language of what you read: `ja` or `en`. Without it, the locale decides: the first of LC_ALL, LC_MESSAGES and LANG that is set; any `ja` locale is Japanese, anything else English. Files kept for git and machines (track's files, commit messages, JSON, SARIF) follow this flag only, never the locale, so two admins never make git flip languages.
help-main--quiet =
    Say nothing on standard error but errors: no warnings, notes or line counts (exit statuses are the same)
help-main--verbose =
    Say everything reading noticed, and every source's line counts, even when all was read
help-main-about =
    Reads Mirapoint MOS captures (CLI logs, admin-protocol transcripts, config exports) and SpamTitan capture folders into one typed model, and reports what an upgrade would lose
help-main-after =
    Examples:
      carryover gaps samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.1.9-export.cfg
      carryover plan --to 7.09 samples/spamtitan/7.08

    Exit status (every subcommand; its --help says what 1 means for it):
      0  done, nothing to report
      1  something to report
      2  error: unreadable input, mixed appliances or vendors, a bad flag
help-man--all =
    Write every page, the main one and each subcommand's, into the folder -o names (made if missing), as `carryover.1`, `carryover-show.1`, ...
help-man--subcommand =
    A subcommand's own page (`carryover-SUBCOMMAND(1)`) instead of the main page
help-man-about =
    Print the man page (roff), with a section for each subcommand
help-man-after =
    Examples:
      carryover man > carryover.1
      carryover man restore | man -l -
      carryover man --all -o ~/.local/share/man/man1

    Exit status:
      0  the page was printed (--all: every page was written)
      2  error; with --all, no page is written
help-plan--confirm =
    A precondition no capture shows, checked by you (`--confirm ST-7.09-P-4`): it no longer blocks, and the report says it was confirmed by the operator. Repeat for each
help-plan--to =
    The version to upgrade to
help-plan-about =
    A pre-upgrade checklist: path, package, licenses, backups, what to re-apply, patches
help-plan-after =
    Examples:
      carryover plan --to 4.2.3 samples/mos/rg01-4.1.9-before.log
      carryover plan --to 7.09 --format json samples/spamtitan/7.08
      carryover plan --to 7.09 --confirm ST-7.09-P-4 --confirm ST-7.09-P-5 --confirm ST-7.09-P-6 samples/spamtitan/7.08

    Exit status:
      0  no finding of warning level or above, and nothing blocks the upgrade
      1  a finding of warning level or above, or something blocks the upgrade (JSON: `blocking`), such as a precondition no capture shows until you --confirm it
      2  error, including a --to version of another vendor or older than the captures
help-restore--accept =
    With --check (or a runbook with --against): accept the differences of a rule, or of an item path glob or name, with your reason (repeatable), e.g. 'smtp.fastpath=on by design'
help-restore--against =
    A capture of the upgraded appliance (repeatable): write only what it lacks or has different
help-restore--all =
    Restore every setting the captures hold, not only what the known issues lose
help-restore--check =
    Write no script: apply its commands to the --against capture in memory and show, as an explained diff against the pre-upgrade capture, what the appliance will hold once the script has run, and why anything would still differ. Exit 0 when only expected, applied or accepted differences would remain
help-restore--exit_code =
    Exit 1 when the script holds commands (as `git diff --exit-code`, terraform's `--detailed-exitcode`), or when --against's capture did not look at something the script would restore; without it, a written script exits 0
help-restore--format =
    The format of --check's report
help-restore--format-value-human =
    The explained diff and what would still differ, in lines for people
help-restore--format-value-json =
    JSON with `format_version`, as `carryover schema restore-check` describes it
help-restore--import_files =
    Also write the appliance's own UI import files into DIR (SpamTitan: domains CSV, allow and block lists)
help-restore--output_encoding =
    Write the script in this encoding (utf-8, shift_jis, euc-jp, ...), the one it is sent to the appliance in: MOS literal counts are its bytes. Default: the capture's encoding
help-restore--runbook =
    Write a Markdown runbook: how to apply the script, steps by hand, patches, checks
help-restore--show_secrets =
    Write the values the vendor's secrets catalog marks secret (private keys, passwords, session ids, API tokens) instead of leaving them out; the files are then created readable by their owner only
help-restore--to =
    The version being upgraded to
help-restore-about =
    Write the script that puts back what the upgrade and the export lose
help-restore-after =
    Examples:
      carryover restore --to 4.2.3 samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.1.9-export.cfg
      carryover restore --to 7.09 -o restore.sh --runbook runbook.md samples/spamtitan/7.08
      carryover restore --check --to 4.2.3 samples/mos/rg01-4.1.9-before.log --against samples/mos/rg01-4.2.3-after.log

    Exit status:
      0  the script was written (with --exit-code: and it holds no commands, and with --against nothing was left out for want of a capture; with --check: only expected, applied or accepted differences would remain)
      1  only with --exit-code (or --detailed-exitcode): the script holds commands, or --against's capture did not look at something it would restore; with --check: something lost, unexplained or not compared would remain
      2  error; nothing is written
help-rule--id =
    The rule's id, as a report names it (`MOS-4.2.3-KI-3`); without it, every rule a report can name is listed
help-rule-about =
    Explain a rule a report names: its release note's item, what carryover checks, what it does
help-rule-after =
    Examples:
      carryover rule MOS-4.2.3-KI-3
      carryover rule ST-7.09-P-4
      carryover rule

    Exit status:
      0  the rule was explained, or the rules listed
      2  error, including an id no rule has (the nearest ids are named)
help-schema--name =
    The schema's name (`findings` for `gaps` and `plan`, `show`, `diff`, `diff-stat`, `diff-explain`, `verify-update`, `track`, `fetch`); without it, the names are listed
help-schema-about =
    Print the JSON Schema of a JSON output (`carryover schema findings`)
help-schema-after =
    Examples:
      carryover schema findings
      carryover schema
      carryover schema diff -o diff.schema.json

    Exit status:
      0  the schema was printed, or the names listed
      2  error, including a name no schema has
help-show--format =
    The output format: canonical RON, or JSON with the same structure
help-show--format-value-json =
    JSON with `format_version`, as `carryover schema show` describes it
help-show--format-value-ron =
    Canonical RON: the same settings give the same bytes
help-show--provenance =
    Add where each item was read (path:line) and which sources were read
help-show--show_secrets =
    Print the values the vendor's secrets catalog marks secret (private keys, passwords, session ids, API tokens) instead of `<secret>`; a file named by -o is then readable by its owner only
help-show--unrecognized =
    Instead, print the input lines that did not become model data; exit 1 if there are any
help-show-about =
    Print the appliance's configuration as canonical RON (or JSON)
help-show-after =
    Examples:
      carryover show samples/mos/ms01-delegated-domains.log
      carryover show --format json --provenance samples/spamtitan/7.08
      carryover show --unrecognized samples/mos/rg01-4.1.9-before.log

    Exit status:
      0  the model was printed
      1  --unrecognized: some line did not become model data
      2  error
help-textconv--file =
    The capture git hands over (`-`: standard input)
help-textconv-about =
    Print the canonical text of a capture, for git's diff drivers
help-textconv-after =
    Examples:
      carryover textconv samples/mos/rg01-4.1.9-before.log
      git config diff.carryover.textconv 'carryover textconv'

    Exit status:
      0  the canonical text was printed (a file that is no capture: as it is, with a warning)
      2  error
help-track--commit =
    Then commit the files written with git (only those), with a message that counts, per appliance, what was added, removed and changed; nothing changed, no commit
help-track--format =
    The report's format
help-track--format-value-human =
    A `wrote` line per file written, then update logs, then the summary line, last
help-track--format-value-json =
    JSON with `format_version`, as `carryover schema track` describes it
help-track--into =
    The repository to write `<vendor>/<hostname>.ron` files into
help-track--src =
    The folder of captures to read
help-track-about =
    Keep a folder of captures from many appliances as one canonical RON file per appliance
help-track-after =
    Examples:
      carryover track samples/spamtitan --into fleet-config
      carryover track --format json --quiet samples/spamtitan --into fleet-config

    Exit status:
      0  every appliance was written or left as it was, and every update log completed
      1  an update log in the tree shows an anomaly (see verify-update)
      2  a capture failed (the others were still written), or another error
help-verify-update--encoding =
    Read the log in this encoding instead of detecting it
help-verify-update--format-value-human =
    Text: each service and step that matters, then `ok` or the anomalies
help-verify-update--format-value-json =
    JSON with `format_version`, as `carryover schema verify-update` describes it
help-verify-update--log =
    The update log, or a folder whose update logs are all checked (a capture folder, a tree of them); `-` reads standard input
help-verify-update-about =
    Check a SpamTitan update log: versions, services stopped and started again, completion
help-verify-update-after =
    Examples:
      carryover verify-update samples/spamtitan/update-7.08-to-7.09.log
      carryover verify-update --format json samples/spamtitan

    Exit status:
      0  every update log completed cleanly
      1  an anomaly: a service not started again, a step not OK, no completion line, a line that reports an error
      2  error, including a folder that holds no update log

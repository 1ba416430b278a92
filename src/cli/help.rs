//! What each subcommand's `--help` ends with: examples, then its exit statuses. The README's
//! exit-status table is tested against these texts, and the examples are run by the tests
//! from the repository's root, so neither can drift from the tool.

/// After the top-level help.
pub const MAIN: &str = "\
Examples:
  carryover gaps samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.1.9-export.cfg
  carryover plan --to 7.09 samples/spamtitan/7.08

Exit status (every subcommand; its --help says what 1 means for it):
  0  done, nothing to report
  1  something to report
  2  error: unreadable input, mixed appliances or vendors, a bad flag";

/// After `show --help`.
pub const SHOW: &str = "\
Examples:
  carryover show samples/mos/ms01-delegated-domains.log
  carryover show --format json --provenance samples/spamtitan/7.08
  carryover show --unrecognized samples/mos/rg01-4.1.9-before.log

Exit status:
  0  the model was printed
  1  --unrecognized: some line did not become model data
  2  error";

/// After `gaps --help`.
pub const GAPS: &str = "\
Examples:
  carryover gaps samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.1.9-export.cfg
  carryover gaps --format sarif -o gaps.sarif samples/spamtitan/7.08

Exit status:
  0  no finding of warning level or above (not-captured facts and info may be printed)
  1  a finding of warning level or above
  2  error";

/// After `plan --help`.
pub const PLAN: &str = "\
Examples:
  carryover plan --to 4.2.3 samples/mos/rg01-4.1.9-before.log
  carryover plan --to 7.09 --format json samples/spamtitan/7.08
  carryover plan --to 7.09 --confirm ST-7.09-P-4 --confirm ST-7.09-P-5 --confirm ST-7.09-P-6 samples/spamtitan/7.08

Exit status:
  0  no finding of warning level or above, and nothing blocks the upgrade
  1  a finding of warning level or above, or something blocks the upgrade (JSON: `blocking`), such as a precondition no capture shows until you --confirm it
  2  error, including a --to version of another vendor or older than the captures";

/// After `capture --help`.
pub const CAPTURE: &str = "\
Examples:
  carryover capture --vendor mirapoint-mos
  carryover capture samples/mos/ms01-delegated-domains.log
  carryover capture --vendor spamtitan -o capture.sh

Exit status:
  0  the commands (or the capture script) were printed
  2  error";

/// After `diff --help`.
pub const DIFF: &str = "\
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
as a capture is shown as a line diff.";

/// After `restore --help`.
pub const RESTORE: &str = "\
Examples:
  carryover restore --to 4.2.3 samples/mos/rg01-4.1.9-before.log samples/mos/rg01-4.1.9-export.cfg
  carryover restore --to 7.09 -o restore.sh --runbook runbook.md samples/spamtitan/7.08
  carryover restore --check --to 4.2.3 samples/mos/rg01-4.1.9-before.log --against samples/mos/rg01-4.2.3-after.log

Exit status:
  0  the script was written (with --exit-code: and it holds no commands, and with --against nothing was left out for want of a capture; with --check: only expected, applied or accepted differences would remain)
  1  only with --exit-code (or --detailed-exitcode): the script holds commands, or --against's capture did not look at something it would restore; with --check: something lost, unexplained or not compared would remain
  2  error; nothing is written";

/// After `track --help`.
pub const TRACK: &str = "\
Examples:
  carryover track samples/spamtitan --into fleet-config
  carryover track --format json --quiet samples/spamtitan --into fleet-config

Exit status:
  0  every appliance was written or left as it was, and every update log completed
  1  an update log in the tree shows an anomaly (see verify-update)
  2  a capture failed (the others were still written), or another error";

/// After `fetch --help`.
pub const FETCH: &str = "\
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
  2  an appliance failed (the others were still fetched), or another error";

/// After `textconv --help`.
pub const TEXTCONV: &str = "\
Examples:
  carryover textconv samples/mos/rg01-4.1.9-before.log
  git config diff.carryover.textconv 'carryover textconv'

Exit status:
  0  the canonical text was printed (a file that is no capture: as it is, with a warning)
  2  error";

/// After `verify-update --help`.
pub const VERIFY_UPDATE: &str = "\
Examples:
  carryover verify-update samples/spamtitan/update-7.08-to-7.09.log
  carryover verify-update --format json samples/spamtitan

Exit status:
  0  every update log completed cleanly
  1  an anomaly: a service not started again, a step not OK, no completion line, a line that reports an error
  2  error, including a folder that holds no update log";

/// After `completions --help`.
pub const COMPLETIONS: &str = "\
Examples:
  carryover completions bash > ~/.local/share/bash-completion/completions/carryover
  carryover completions zsh > ~/.zfunc/_carryover

Exit status:
  0  the script was printed
  2  error";

/// After `man --help`.
pub const MAN: &str = "\
Examples:
  carryover man > carryover.1
  carryover man restore | man -l -
  carryover man --all -o ~/.local/share/man/man1

Exit status:
  0  the page was printed (--all: every page was written)
  2  error; with --all, no page is written";

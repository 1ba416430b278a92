# What the command line says on standard error besides the reports' own warnings and notes.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.
# Arguments here are words already made (an error, a warning), filled in as they are.

## restore

cli-warning = warning: { $warning }
cli-restore-shown-in-utf8 = note: the script is shown in UTF-8 for this terminal; `-o FILE` (or a pipe) writes it in { $encoding }, as the appliance reads it, and its literal counts are { $encoding } bytes
cli-restore-no-plan-file = note: { $path } is a device or a pipe, not a file: no plan file was written beside it, so `carryover apply` cannot send this script; to send it, write it with `-o FILE`, which writes FILE.plan beside it
# What the runbook calls the script when it goes to standard output.
cli-restore-script-unnamed = the script

# What the command line says on standard error besides the reports' own warnings and notes.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.
# Arguments here are words already made (an error, a warning), filled in as they are.

## textconv and diff as git's drivers: a file that is no capture

cli-textconv-shown-as-it-is = carryover: { $error }; shown as it is
cli-diff-shown-as-line-diff = carryover: { $error }; shown as a line diff

## restore

cli-warning = warning: { $warning }
# What the runbook calls the script when it goes to standard output.
cli-restore-script-unnamed = the script

# A remedy step's condition and note, worded with the step they belong to: a condition and
# the command it governs are one step, and a note is never a step of its own.

# A command's condition, on the line before the command.
step-only-if = { $condition }:
# A command with its condition, as one line.
step-only-if-then = { $condition }: { $step }
# A step with what to know about it.
step-noted = { $step } ({ $note })
# A step on another appliance for which no command form is known: what to do there.
step-elsewhere-by-hand = on { $on }: { $what }
remedy-only-if-not-installed = if { $name } is not installed (no capture shows it)
remedy-only-if-is = if it is `{ $value }`
remedy-only-if-not-wanted = if it is not `{ $value }` and no other value is wanted
# In a runbook: what to know of a command the restore script types.
remedy-script-runs = the script runs `{ $command }`: { $note }

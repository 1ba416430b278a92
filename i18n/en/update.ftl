# What an update log shows went wrong (verify-update, track), and verify-update's report.

update-no-target = no `Install revision` header: the target version is unknown
update-service-not-started = { $name } was stopped (line { $line }) and never started again
update-not-completed = no `Done. Installation Complete.` line: the installation did not finish
update-no-steps = no numbered steps
update-last-step-not-ok = the last step ({ $step }, line { $line }) did not end OK: `{ $text }`
update-step-missing = step { $step } follows step { $previous } (line { $line }): a step is missing
update-step-reports = step { $step } (line { $line }) reports `{ $text }`
update-task-failed = line { $line } reports a failure: `{ $text }`
update-line-failed = line { $line } reports an error or a failure: `{ $text }`
plain-update-not-done = no `done` line: the update did not finish

## verify-update's report

update-heading = { $path }: update { $from } -> { $to }
update-from-unknown = (from version not in the log)
update-to-unknown = (target not in the log)
update-service-back = stopped line { $stopped }, started again line { $started }
update-service-not-back = stopped line { $stopped }, NEVER STARTED AGAIN
update-unrecognized = unrecognized line { $line }: { $text }
update-ok = ok: every service came back, the installation completed, the last step is OK
update-anomaly = anomaly: { $anomaly }
update-claimed-by-several = { $vendors } each read this as an update log: carryover cannot tell whose it is
update-unreadable = the log cannot be read: { $error }

# Warnings and notes of the subcommands' reports, for standard error.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

## restore

restore-values-left-out = { $count } value(s) cannot be written in { $encoding } and were left out of the script (see its `not written` remarks); an encoding that holds them, such as utf-8, writes them
# A step the vendor's import files leave to be done by hand, in the vendor's words.
restore-import-secret-left-out = { $step }

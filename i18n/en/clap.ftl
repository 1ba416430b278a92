# clap's errors of use, worded from clap's kind of error and its context (src/cli/usage_error.rs):
# the sentences clap itself writes in English, so that other languages can have them too.

clap-unknown-argument = unexpected argument '{ $arg }' found
clap-value-required = a value is required for '{ $arg }' but none was supplied
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-value-validation = invalid value '{ $value }' for '{ $arg }': { $reason }
clap-invalid-subcommand = unrecognized subcommand '{ $subcommand }'
clap-missing-required = the following required arguments were not provided: { $args }
clap-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
clap-used-twice = the argument '{ $arg }' cannot be used multiple times
clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-conflict-with-others = the argument '{ $arg }' cannot be used with one or more of the other specified arguments
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-too-few-values = { $needed } values required by '{ $arg }'; only { $given } { $given ->
        [one] was
       *[other] were
    } provided
clap-wrong-number-of-values = { $needed } values required for '{ $arg }' but { $given } { $given ->
        [one] was
       *[other] were
    } provided
clap-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
clap-other = the command line cannot be read: { $reason }
clap-with-list = { $what }
    {"  "}{ $list }
clap-possible-values = [possible values: { $values }]
clap-subcommands = [subcommands: { $values }]
clap-similar-argument = tip: a similar argument exists: '{ $similar }'
clap-similar-subcommand = tip: a similar subcommand exists: '{ $similar }'
clap-similar-value = tip: a similar value exists: '{ $similar }'
clap-tip-as-value = tip: to pass '{ $arg }' as a value, use '-- { $arg }'
clap-try-help = For more information, try '--help'.

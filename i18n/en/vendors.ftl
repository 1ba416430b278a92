# What every vendor says about what a file was read as: the kinds of capture, the scores of the
# readings considered, what a capture looks like. Nested in the messages of read.ftl.

vendors-kind-cli-log = CLI log
vendors-kind-protocol = admin-protocol transcript
vendors-kind-export = config export
vendors-score = { $vendor } { $kind } { $score }
vendors-list = { $first }, { $rest }
vendors-expects = a { $vendor } capture
vendors-expected-or = { $first }; or { $rest }
vendors-no-evidence = nothing found

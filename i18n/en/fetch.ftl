# `fetch`: its warnings and its report.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

## Said on standard error before the run, before any secret is asked for.

fetch-warning-insecure = warning: --insecure: certificates are not checked, so whoever answers in the appliance's place gets the password or token
fetch-warning-plaintext = warning: --plaintext: the password or token crosses the network unencrypted

## Said on standard error after the run.


## The report.

fetch-fetched = fetched { $host } into { $path }: { $lines } lines, { $not_understood } not understood, { $not_captured } not captured
fetch-tracked = tracked { $path }
fetch-track-summary = track: { $written } written, { $unchanged } unchanged, { $failed } failed
fetch-nothing-committed = commit: nothing changed, no commit made
fetch-summary = fetch: { $fetched } of { $total } appliance(s) fetched, { $failed } failed; { $missing } command(s) or call(s) not captured

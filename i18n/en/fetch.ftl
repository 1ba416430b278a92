# `fetch`: its warnings, its errors, what it could not capture, its report, and its flags' help.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.
# An argument may be another message (`{ $error }`, `{ $reason }`), put in words first. Text
# arguments quote appliances: the whole line is made safe once, where it is written.

## Said on standard error before the run, before any secret is asked for.

fetch-warning-insecure = warning: --insecure: certificates are not checked, so whoever answers in the appliance's place gets the password or token
fetch-warning-plaintext = warning: --plaintext: the password or token crosses the network unencrypted

## Said on standard error after the run.

fetch-appliance-failed = { $host }: error: { $error }
fetch-track-failed = carryover: --track: { $error }
fetch-commit-failed = carryover: --commit: { $error }

## The report.

fetch-fetched = fetched { $host } into { $path }: { $lines } lines, { $not_understood } not understood, { $not_captured } not captured
fetch-tracked = tracked { $path }
fetch-track-summary = track: { $written } written, { $unchanged } unchanged, { $failed } failed
fetch-not-captured = not captured: { $what }
fetch-committed = committed: { $subject }
fetch-nothing-committed = commit: nothing changed, no commit made
fetch-nothing-committed-secrets = commit: no commit made: nothing changed that track compares, and secrets are not compared
fetch-summary = fetch: { $fetched } of { $total } appliance(s) fetched, { $failed } failed; { $missing } command(s) or call(s) not captured

## Errors of the layers below, inside a fetch's error.

fetch-error-at = { $path }:{ $line }:{ $column }: { $error } (expected { $expected })
fetch-error-in = { $path }: { $error }
fetch-error-with-cause = { $error }: { $cause }
fetch-error = { $error }

## Secrets and the inventory.

fetch-secret-file-readable = holds a secret but others may read it (mode { $mode }): chmod 600 it
fetch-secret-file-not-a-file = is not a file
fetch-secret-file-empty = is empty: its first line is the secret
fetch-env-variable = the environment variable { $name }
fetch-env-variable-unnamed = the environment variable named (not shown: it does not look like a name)
fetch-secret-env-empty = { $variable } is empty
fetch-secret-env-not-set = { $variable } is not set (or not UTF-8)
fetch-inventory-not-csv = not CSV: { $reason }
fetch-inventory-too-many-fields = { $count } fields, but an inventory line has at most 5: host,vendor,port,user,credential-ref
fetch-inventory-host-empty = the host is empty
fetch-inventory-not-a-port = `{ $port }` is not a port
fetch-inventory-not-a-reference = the credential column holds neither env:NAME nor file:PATH (its text is not shown: it may be a password; an inventory references credentials, it never holds them)
fetch-inventory-listed-twice = `{ $host }` is listed twice (first on line { $first })
fetch-inventory-empty = lists no appliance
fetch-not-a-host = `{ $host }` is not a host name or address

## Connections, TLS and answers.

fetch-cannot-resolve = cannot resolve { $host }: { $reason }
fetch-connect-timeout = cannot connect to port { $port }: no answer within { $wait }
fetch-connect-failed = cannot connect to port { $port }: { $reason }
fetch-no-address = { $host } resolves to no address
fetch-port-io = port { $port }: { $reason }
fetch-tls = TLS: { $reason }
fetch-tls-bad-name = `{ $host }` is not a host name TLS can check
fetch-tls-timeout = TLS on port { $port }: no answer within { $wait } (is the port plaintext? then --plaintext)
fetch-tls-untrusted = TLS on port { $port }: the appliance's certificate is not trusted ({ $reason }); { $ca ->
        [given] it is not signed by a certificate --ca names, or names another host
       *[none] name the certificate or its CA with --ca FILE (or, knowing the risk, --insecure)
    }
fetch-tls-closed = TLS on port { $port }: the appliance closed the connection during the TLS handshake
fetch-tls-failed = TLS on port { $port }: { $reason }
fetch-tls-not-tls = TLS on port { $port }: the answer is not TLS ({ $reason }); is the port plaintext? then --plaintext, or the TLS port
fetch-ca-unusable = { $path }: not a usable certificate: { $reason }
fetch-ca-unreadable = { $path }: cannot read certificates: { $reason }
fetch-ca-empty = { $path }: holds no PEM certificate (-----BEGIN CERTIFICATE-----)
fetch-answer-too-long = the answer did not end in time: the appliance keeps sending
fetch-answer-silent = the appliance sent nothing for { $wait }
fetch-connection-broke = the connection broke: { $reason }
fetch-read-failed = reading the answer: { $reason }
fetch-session-too-large = the appliance sent more than { $limit } bytes in one session
fetch-closed-mid-line = the appliance closed the connection in the middle of a line
fetch-line-too-long = the appliance sent a line longer than { $limit } bytes
fetch-literal-too-large = the appliance announced a literal of { $size } bytes, more than the { $limit } allowed
fetch-closed-mid-literal = the appliance closed the connection { $read } bytes into a literal of { $size }
fetch-takes-no-input = the appliance takes no more input
fetch-send-failed = sending a command: { $reason }
fetch-closed-mid-answer = the appliance closed the connection mid-answer

## What each vendor's fetcher says.

fetch-greeting-bad-name = the greeting names the appliance badly: { $reason }
fetch-no-password = no password given
fetch-no-user = no user given (--user)
fetch-at-command = `{ $command }`: { $error }
fetch-refused = `{ $command }`: refused: { $reason }
fetch-not-sent-control = `{ $command }`: not sent: it holds a control character
fetch-mos-password-line-break = the password holds a line break, which the admin protocol cannot send
fetch-mos-domain-list-refused = `{ $command }` was refused: without the domain list the delegated domains cannot be captured; nothing was written
fetch-mos-tls-hint = { $error } (with --plaintext: is the port a TLS port? then leave out --plaintext)
fetch-mos-closed-before-greeting = the appliance closed the connection before greeting
fetch-mos-port-is-tls = the port answers in TLS: leave out --plaintext
fetch-mos-not-a-greeting = not an admind greeting (`* OK <host> admind <version>`): `{ $line }`
fetch-mos-login-refused = the login as `{ $user }` was refused: { $reason }
fetch-mos-completion-unreadable = the appliance's completion line does not read
fetch-mos-stray-line = the appliance answered with a line that is neither `* { $tag } ...` data nor `{ $tag }`'s completion: `{ $line }`
fetch-mos-read-back = the answers so far do not read back: { $error }
fetch-mos-control-character = the appliance sent a control character ({ $byte }) in a line: a transcript holding it would not read back as what was sent
fetch-plain-no-greeting = the appliance did not greet as plain
fetch-plain-send-failed = cannot send: { $reason }
fetch-plain-not-utf8 = the appliance sent a line that is not UTF-8
fetch-plain-control-character = the appliance sent a control character ({ $byte })
fetch-plain-login-words = a plain login is one word of user and one of password
fetch-plain-login-refused = the login was refused: { $reason }
fetch-plain-login-no-answer = the login got no answer
fetch-plain-hung-up = the appliance hung up in the middle of an answer
fetch-st-redirect = { $code } (a redirect, not followed)
fetch-st-forbidden = 403 (not for this token)
fetch-st-busy = { $code } (still busy after { $tries } tries)
fetch-st-status = { $code }
fetch-st-too-large = the answer is larger than { $limit } bytes
fetch-st-no-token = no API token given: SpamTitan's REST API needs one
fetch-st-token-not-header = the API token holds characters an HTTP header cannot carry (spaces, line breaks or non-ASCII): check how it was given
fetch-st-token-refused = the API token was refused (401) on { $call }: make a new one in the web UI (Settings > User Management > RestAPI Keys)
fetch-st-no-answer = { $call }: no answer within { $wait }
fetch-st-connect-timeout = cannot connect to port { $port }: no answer within { $wait } ({ $reason })
fetch-st-cannot-resolve = cannot resolve the host name
fetch-st-connect-failed = cannot connect to port { $port }
fetch-st-not-http = { $call }: the answer is not HTTP ({ $reason })
fetch-st-call-broke = { $call } (port { $port }): { $reason }
fetch-st-tls-failed = TLS on port { $port }: { $reason } (is the port plaintext? then --plaintext)
fetch-st-not-a-capture-folder = { $path } is there and is not a capture folder: it is not replaced
fetch-reason = { $reason }
fetch-st-not-a-host = `{ $host }` is neither a host name nor an IP address
fetch-st-version-by-hand = { $reason }; write the version to version.txt by hand
fetch-st-domains-forbidden = the API token was refused (403) on GET { $path }: it may not read the domains
fetch-st-domains-failed = GET { $path }: { $reason }: the domain list is needed for every other call
fetch-st-call = { $call }: { $reason }
fetch-st-domain-not-plain = { $call }: the domain name "{ $name }" is not a plain domain name (letters, digits, dots and dashes): used in no call
fetch-st-missed = { $call }: { $reason }{ $inferred ->
        [yes] {" "}(inferred call)
       *[no] {""}
    }
fetch-st-not-json = the answer is not JSON ({ $reason })
fetch-st-not-legacy-xml = the answer is not the legacy API's XML
fetch-st-call-failed = the call failed
fetch-st-no-version = the answer holds no `version` or `revision`
fetch-st-version-not-one-line = the version "{ $version }" is not one short line
-st-domain-list-shape = an array of domains, or an object whose `data` is one; each domain an object naming it in `domain` or `name`
fetch-st-domains-not-json = the answer is not JSON ({ $reason }); expected { -st-domain-list-shape }
fetch-st-domains-unexpected = expected { -st-domain-list-shape }; got { $shape }
fetch-st-domains-bad-entry = entry { $entry } is { $shape }; expected { -st-domain-list-shape }
fetch-st-domains-page-of = the answer holds { $given } of { $total } domains (one page): the others were not captured
fetch-st-domains-one-page = the answer is one page of several ({ $given } domains): the others were not captured
fetch-st-shape = { $shape ->
        [null] null
        [boolean] a boolean
        [number] a number
        [string] a string
        [array] an array
        [empty-object] an empty object
       *[object] an object with { $keys }
    }

## The run: which appliances, with which vendor and credentials, and what became of each.

fetch-inventory-at = { $path }:{ $line }: { $error }
fetch-inventory-user = the inventory's user
fetch-list-semicolon = { $first }; { $rest }
fetch-list-and = { $first } and { $rest }
fetch-vendor-takes = { $vendor } takes { $user ->
        [yes] {"--user and "}
       *[no] {""}
    }{ $kind ->
        [password] --password-env or --password-file
       *[api-token] --token-env
    }
fetch-which-vendor = { $host }: which vendor? { $why }: give --vendor ({ $vendors }){ $inventory ->
        [yes] {" or the inventory's vendor column"}
       *[no] {""}
    }
fetch-which-vendor-none-fits = no vendor's login takes { $given } together
fetch-which-vendor-unclear = the credentials given do not tell
fetch-cannot-start-workers = cannot start { $jobs } workers: { $reason }
fetch-same-capture = { $other } would be written to the capture of `{ $name }` too: two appliances cannot share one capture; nothing was fetched from either
fetch-written-unreadable = { $path } was written but does not read: { $error }
fetch-written-other-vendor = { $path } was written but reads as a { $vendor } capture
fetch-no-configuration = the capture holds no configuration, only who the appliance is: no setting, list, message, key, license or update ({ $missing } not captured); { $staged ->
        [yes] nothing was written
       *[no] it is in { $path }
    }
fetch-answered-as-same = another host of this fetch also answered as `{ $name }`: its capture cannot be told apart
fetch-git-cannot-run = cannot run git: { $reason }
fetch-git-failed = git { $command } failed: { $said }

## The command line: flag help and the prompt for a secret.

fetch-help-taken-by = { $what } ({ $vendors })
fetch-help-taken-by-none = { $what } (no vendor takes it)
fetch-help-user = The user to log in as
fetch-help-secret = Read the { $kind ->
        [password] password
       *[api-token] API token
    }
fetch-help-secret-from = { $secret } { $from }
fetch-help-from-env = from this environment variable
fetch-help-from-file = from the first line of this file, which only its owner may read
fetch-help-port-of = { $vendor }: { $tls } with TLS, { $plaintext } plaintext
fetch-help-port = The port, when not the vendor's default ({ $ports })
fetch-seconds-not-a-number = `{ $text }` is not a number of seconds
fetch-seconds-range = between 0.05 and 3600 seconds
fetch-prompt-user = { $kind ->
        [password] password
       *[api-token] API token
    } for { $user } on { $vendor } appliances:
fetch-prompt = { $kind ->
        [password] password
       *[api-token] API token
    } for { $vendor } appliances:
fetch-prompt-failed = cannot read the { $kind ->
        [password] password
       *[api-token] API token
    }: { $reason }
fetch-progress-unit = appliances

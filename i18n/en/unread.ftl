# Why a line did not become model data: the reason each note of a line not understood
# carries (`--unrecognized` lists the lines). Each message's id is used in the code as
# `message!("id")`.

unread-st-list-line = a list line is an entry, then an optional comment
unread-st-list-entry-space = a list entry holds no white space
unread-st-hostname = a host name, alone on its line
unread-st-not-a-list-file = not a list file: a list is named allow, allowlist, whitelist, block, blocklist or blacklist (.txt, .csv or .xml), or by a UI label such as Global Whitelist; a copy under another name is not merged into the live list
unread-st-unknown-file = a file of no known kind in a SpamTitan capture
unread-st-not-a-version = not a version
unread-st-update-log-line = not a line of an update log
unread-st-list-level = lists live in global/, domain/<domain>/ or user/<address>/
unread-st-domain-list = the domain list (GET /restapi/domains) is an array of objects, each with its `domain`; this one is not read
unread-st-value-type = a value that does not fit its setting's type
unread-st-csv-row = a domain row needs a domain and a destination
unread-st-csv-verification = verification is none, dynamic or LDAP (the domain and its destination are read, its verification settings are not)
unread-st-xml-element = an element of a list answer that is no entry (entries are `sender` elements)
unread-mos-preamble = text before the first command
unread-mos-greeting = greeting names no host
unread-mos-stray = belongs to no command
unread-mos-header-version = header version is not a version
unread-mos-aborted = aborted with ^C: not executed
unread-mos-command-words = command does not split into words
unread-mos-refused = the appliance refused the command
unread-mos-wrong-arguments = a known command with the wrong number of arguments (kept as a raw item)
unread-mos-read-not-completed = answer of a read that got no completion
unread-mos-write-output = output of a write: perhaps the rest of a cut command line
unread-mos-list-value = not a list value (an address or a domain)
unread-mos-answer-words = answer line does not split into words
unread-mos-key-line = key line without a key block
unread-plain-not-a-version = not a version
unread-plain-not-a-setting = not `scope.name = value`
unread-mos-not-a-version = `version` answer line is not a version
unread-mos-version-extra-line = `version` answer line after the first, which alone names the version

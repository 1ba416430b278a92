# What the SpamTitan reader notes about a capture folder's files. Arguments are filled as the
# files hold them; the terminal's sanitiser sees the whole line once.

st-folder-url-encoded = the folder name `{ $name }` is URL-encoded: read as `{ $decoded }`
st-list-in-files = the { $list } list of `{ $scope }` is in { $count } files ({ $files }): read as one set of { $entries } entries ({ $read } read)
st-list-domain-not-exported = the { $list } list names the domain `{ $scope }`, which the domain export (domains.csv) lacks: the domain is known from this list alone
st-domains-one-page = the domain list answer is one page of a paginated list: domains on other pages are not in it
st-data-envelope = the answer is wrapped in a `data` envelope: read what it holds
st-data-envelope-status = the answer is wrapped in a `data` envelope (status { $status }): read what it holds
st-coerced = `{ $name }`: { $json } read as { $value }
st-csv-delimiter = the columns are separated by { $name }s: read as such
st-csv-padded = { $count } row(s) end in empty columns (as a spreadsheet saves them): ignored
st-csv-no-verification = `{ $domain }` has no verification column: its verification settings were not captured
st-csv-unread-columns = `{ $domain }` (verification { $verification }): column(s) { $columns } hold something the verification has no setting for, or lie beyond the ten columns of the format: not read
st-csv-not-a-domain-name = `{ $domain }` is no domain name (labels of letters, digits and hyphens, joined by dots): kept as the file has it; check the file before restoring from it
st-entries-normalised = { $count } { $count ->
        [1] entry
       *[other] entries
    } written in another form, read in one form (domain in lower case and ASCII, local part in lower case), e.g. `{ $from }` as `{ $to }`

# Errors of a REST API answer (api/*.json).

st-json-empty = an empty file where a REST answer (JSON) was expected
st-json-invalid = not valid JSON: { $reason }
st-json-expected = a REST API answer saved as it came
st-json-not-an-answer = a JSON file holding no key of a SpamTitan REST answer: saved alone under this name it would be the `{ $resource }` answer, of which carryover knows no keys; expected a REST API answer saved as it came, under the name of what it answers (a domain's `<domain>.json` with `domain` and `destination`, its `policy.json` or `auth.json`, the domain list `domains.json`), or a whole capture folder
st-json-not-an-answer-keys = a JSON file holding no key of a SpamTitan REST answer: saved alone under this name it would be the `{ $resource }` answer, which holds { $keys }; expected a REST API answer saved as it came, or a whole capture folder
st-api-error-answer = an error answer of the REST API ({ $details }), not configuration: the call did not answer with its settings when the capture was made; save its answer again
st-api-error-answer-keys = an error answer of the REST API (only { $keys }), not configuration: the call did not answer with its settings when the capture was made; save its answer again
st-api-status-answer = an answer holding only status keys ({ $details }), not configuration: the call did not answer with its settings when the capture was made; save its answer again
st-api-status-answer-keys = an answer holding only status keys (only { $keys }), not configuration: the call did not answer with its settings when the capture was made; save its answer again

# Errors of a capture folder and its files.

st-folder-contradicts = the capture contradicts itself in { $count } place(s):
st-folder-unreadable = { $count } file(s) of this capture could not be read ({ $read } read):
st-folder-loop = a folder that links back to a folder above it: not walked
st-version-empty = an empty file where the version the appliance prints (e.g. `7.08`) was expected: the version was not captured

# The by-hand template (by-hand.txt): settings copied from the web console.

st-by-hand-not-name-value = not `name = value`
st-by-hand-unknown = `{ $name }` is no setting of the template (known: { $known })
st-by-hand-twice = `{ $key }` is given twice
st-by-hand-unfilled = `{ $key }` is not filled in (still `{ $value }`): not captured
st-by-hand-expected = a line of the by-hand template: `name = value`, as the capture script wrote it
st-by-hand-empty = a by-hand template without a single `name = value` line: write it again with the capture script and fill it in
st-by-hand-not-filled = the by-hand template was not filled in: none of its settings is captured
st-by-hand-not-yes-no = `{ $value }` is not yes or no
st-by-hand-space = `{ $value }` holds a space: one host or name is expected
st-by-hand-commas = `{ $value }`: items are separated by commas
st-by-hand-not-role = `{ $value }` is no cluster role: primary, secondary or standalone

# The legacy API's XML answers to list calls (lists/**/*.xml).

st-xml-not-well-formed = not well-formed XML: { $reason }
st-xml-cut = the answer ends inside `<{ $name }>`: it was cut off
st-xml-second-root = a second root element `{ $name }`
st-xml-decoding = { $reason }
st-xml-unknown-entity = an unknown entity `&{ $name };`
st-xml-root = the root element is `{ $root }`, not `response`
st-xml-list-contradicts = the answer's element `<{ $element }>` says it is the { $named } list, but the file's name says the { $list } list: it is read as neither; save each list's answer under its own name ({ $named }.xml)
reading-st-hash-entry = `{ $entry }` starts with `#` but is a whole address (`#` is allowed in an address): read as an entry, not as a comment; to keep it off the list, delete the line
st-domain-exports-differ = a second domain export beside `{ $other }`, and they differ: each export holds every domain, so only one can be the appliance's (an old one would bring back domains and values since changed); keep the current export in the capture and move the other out
st-setting-contradicts = `{ $scope }`: `{ $name }` is `{ $value }` here, but `{ $other_value }` at { $other }: which the appliance has cannot be told; correct or remove the one that is out of date
st-version-behind-update-log = the version is { $version } here, but the update log { $log } records a completed update to { $to }: the capture mixes a time before the update and one after it; the version is read as { $version }, so check which the appliance runs before planning an upgrade
st-xml-expected = the legacy API's XML answer to a list call, saved as it came
st-xml-stat-failed = the legacy API answered stat { $stat }: the call failed, so this list was not captured (it is not taken for an empty list)
st-xml-stat-failed-errors = the legacy API answered stat { $stat }: { $errors }: the call failed, so this list was not captured (it is not taken for an empty list)
st-xml-no-stat = the answer says no stat (ok or fail): this list was not captured
st-csv-not-a-row = not a CSV row: { $reason }
st-update-log-grammar = update log grammar: { $reason }

# How a person applies a restore script and captures the appliance again (the runbook).

st-how-to-apply = After the update has finished, run the script from a machine that reaches the appliance's web interface, with a REST API token made in the web UI (`Settings > Access/Authentication`). First see what it would do:

    ```sh
    ST_HOST=<appliance> ST_TOKEN=<REST API token> bash { $script } --dry-run
    ```

    then run it for real:

    ```sh
    ST_HOST=<appliance> ST_TOKEN=<REST API token> bash { $script }
    ```

    Lines starting with `#` are remarks; a call that fails stops the script.
st-how-to-recapture = Capture the upgraded appliance again: run the script `carryover capture --vendor spamtitan` prints, fill in the folder's by-hand.txt from the web console, and keep the folder.

# Why a restore command is not written (a remark in the script).

st-refused-not-a-segment = `{ $scope }` cannot be a URL path segment
st-refused-too-long = a name of { $bytes } bytes is no domain
st-refused-no-fields = the value fills none of the call's fields

# What a SpamTitan capture folder was found to hold (in messages about what it was read as).

st-evidence-lists = lists/ with global, domain or user lists
st-evidence-api = api/ with REST answers
st-evidence-version = a version file
st-evidence-version-name = a file named version.txt
st-evidence-domains = a domains CSV with domain rows
st-evidence-domains-name = a file named domains.csv
st-evidence-update-log = an update log
st-evidence-hostname = a host name file
st-evidence-file-name = the name of a SpamTitan capture file
st-evidence-rest-answer = a REST answer holding keys of the `{ $resource }` answer ({ $keys })
st-evidence-domain-list = a REST answer listing domains
st-evidence-json-name = a JSON file, but with no key of a SpamTitan REST answer

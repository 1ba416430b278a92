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
st-entries-normalised = { $count } { $count ->
        [1] entry
       *[other] entries
    } written in another form, read in one form (domain in lower case and ASCII, local part in lower case), e.g. `{ $from }` as `{ $to }`

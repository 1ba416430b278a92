# What reading says about a capture's bytes, line ends and look-alike characters, and about the
# SpamTitan files it reads in another form than the expected one.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

reading-telnet-removed = { $count } byte(s) of telnet negotiation (a raw nc or socat capture) were removed before the encoding was judged
reading-cr-line-ends = every line ends in a lone carriage return (old-Mac line ends, as Excel for Mac saves): each of the { $count } was read as a line end
reading-bom-seam = a byte order mark starts this line: two files were joined here (as `cat a.log b.log` does); the mark was removed
reading-bom-inside-line = a byte order mark inside this line: two files' lines run together here (the first file did not end with a line break); the mark was removed
reading-lone-cr = a carriage return inside a line, outside quotes
reading-lone-cr-expected = a line end (CR LF, LF or CR alone on every line) or a quoted field
reading-lookalike-value = look-alike characters (no-break or full-width spaces, full-width letters) on this command line were read as ASCII, and that changed a value: check that it is the one meant
reading-st-empty-file = empty file (a download that failed?): not captured; nothing was read from it, and no list or domain of it counts as empty
reading-st-copy-read-as = `{ $file }` was read as `{ $original }`, which the capture does not have (a copy's name, as a browser or Windows gives it)
reading-st-copy-same = `{ $file }` holds the same bytes as `{ $original }`: read once
reading-st-copies-differ = `{ $file }` and `{ $original }` are two forms of one capture file, and they differ: keep the one that is right and remove the other
reading-st-list-entry-form = not a list entry: an entry is `name@domain`, `@domain`, `@.domain` (the domain and its subdomains), `@*.domain` or a domain, in DNS's form
reading-st-entries-joined = { $count } entries on one line (a list pasted as one line): each was read as an entry
reading-st-versions = { $count } lines where one version is expected ({ $versions }): an appliance runs one version; keep the line of the version it runs
reading-mos-second-export = a second export starts here (two exports joined into one file): where both set a setting, the later one's value is the one read
reading-mos-value-more-lines = one more line of the answer to `{ $name }` outside a literal: the first line was read as its value, and this one is not part of it
reading-mos-value-unread = the answer to `{ $name }` could not be read as a value (one that runs over several lines outside a literal?): the setting counts as not captured; its lines are listed by --unrecognized
reading-encoding-ambiguous = the encoding is ambiguous: the text reads as Japanese in each of { $candidates }, differently; it was read as { $chosen }. Name the right one with --encoding
reading-near-miss = this line was not read, but it resembles { $what ->
        [command] a command the catalog knows
        [prompt] a prompt
       *[entry] a list entry
    }: check whether something meant was lost here (--unrecognized lists the line)
reading-st-file-near-miss = `{ $file }` was not read, but its name is a slip away from `{ $known }`, a capture file: rename it if that is what it holds
reading-line-not-replayed = { $count } line(s) longer than { $limit } bytes hold terminal editing that was not replayed (first here): they were read as they are, escapes included

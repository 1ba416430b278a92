# What reading says of a MOS list entry that holds look-alike characters or has the shape of a
# paste. Each message's id is used in the code as `message!("id", …)`.

reading-mos-entry-lookalike = look-alike characters (a full-width `＠`, a zero-width or no-break space) in this list entry were read as ASCII: `{ $entry }`; check that it is the one meant
reading-mos-entry-pasted = this list entry has the shape of a paste ({ $shape ->
        [mailto] a `mailto:` before the address
        [display-name] a display name around the address
        [bullet] a bullet before it
        [joined] several entries joined with `;` or `,`
       *[space] a space inside it
    }): `{ $entry }` was kept as the appliance holds it; check that it is the one meant
# The same, said once for several entries of one list: how many, and the first as read.
reading-mos-entries-lookalike = { $count } entries of list `{ $list }` hold look-alike characters (a full-width `＠`, a zero-width or no-break space), the first read as `{ $first }`: each was read as ASCII; check them
reading-mos-entries-pasted = { $count } entries of list `{ $list }` have the shape of a paste ({ $shape ->
        [mailto] a `mailto:` before the address
        [display-name] a display name around the address
        [bullet] a bullet before the entry
        [joined] several entries joined with `;` or `,`
       *[space] a space inside the entry
    }), the first `{ $first }`: each was kept as the appliance holds it; check them
reading-mos-entry-trimmed = white space around this list entry was removed: it was read as `{ $entry }`; the appliance may hold it with the space, which matches nothing, and an entry such as `@example.com` alone matches a whole domain: check that it is the one meant
reading-mos-entries-trimmed = { $count } entries of list `{ $list }` had white space around them, removed, the first read as `{ $first }`; the appliance may hold them with the space, which matches nothing, and an entry such as `@example.com` alone matches a whole domain: check them
# A MOS config export without its header lines.
reading-mos-export-unnamed = this export has no `# host:` line (its header was cut off?): which appliance it is of is not known, so nothing can check that it belongs with the other captures
# A file a walk over a folder skipped, named as a capture is.
reading-skipped-capture-near-miss = skipped: { $how ->
        [archive] an archive
       *[hidden] a hidden file
    }, but `{ $file }` is named as a capture is (`{ $capture }`): if it holds one, { $how ->
        [archive] unpack it
       *[hidden] name it without the leading dot
    } and read it
# A MOS `uce` command's scope word or list name that held look-alike characters.
reading-mos-list-name-lookalike = look-alike characters (full-width letters, a zero-width or no-break space) in this command's scope or list name were read as ASCII: the list read is `{ $scope }/{ $list }`; check that it is the one meant

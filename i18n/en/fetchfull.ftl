# fetch reads everything the catalog knows; records no API reads.
fetch-st-record-unread = { $setting } and its { $fields } server fields: no API call reads them; the UI's domain export holds them: { $kept ->
        [yes] { $path } is kept from the previous capture, as it was exported
       *[no] export the domains from the UI into { $path }
    }
# Why a command is in a full capture: the vendor's catalog can read it (`--profile full`).
capture-why-catalog = the rest of what the catalog can read (--profile full)
# A command whose form the appliance's version does not have: not asked.
fetch-not-on-version = `{ $command }`: not asked: not on this version ({ $version })
# A command whose form some versions lack, refused by an appliance whose version is not known.
fetch-refused-not-on-version = `{ $command }`: refused: not on this version ({ $reason })
# A folder of a previous capture's user lists whose name is no plain address.
fetch-st-user-not-plain = `lists/user/{ $name }`: "{ $name }" is not a plain address: its lists were not read, and it is used in no call

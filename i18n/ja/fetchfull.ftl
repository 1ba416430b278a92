# fetch reads everything the catalog knows; records no API reads.
fetch-st-record-unread = { $setting } とそのサーバー項目 { $fields } 個: 読み取る API 呼び出しはありません。UI のドメインのエクスポートが保持しています: { $kept ->
        [yes] { $path } は前回のキャプチャから、エクスポートされたときのまま保持しています
       *[no] UI からドメインを { $path } にエクスポートしてください
    }
# Why a command is in a full capture: the vendor's catalog can read it (`--profile full`).
capture-why-catalog = カタログが読み取れる残りのすべて (--profile full)
# A command whose form the appliance's version does not have: not asked.
fetch-not-on-version = `{ $command }`: 送信していません: このバージョン ({ $version }) にはありません
# A command whose form some versions lack, refused by an appliance whose version is not known.
fetch-refused-not-on-version = `{ $command }`: 拒否されました: このバージョンにはありません ({ $reason })
# A folder of a previous capture's user lists whose name is no plain address.
fetch-st-user-not-plain = `lists/user/{ $name }`: "{ $name }" は単純なアドレスではありません: そのリストは読み取らず、どの呼び出しにも使いません

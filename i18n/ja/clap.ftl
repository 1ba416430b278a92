# clap のコマンドライン誤りを、clap の誤りの種類と文脈から作る文 (src/cli/usage_error.rs)。

clap-unknown-argument = 想定外の引数 '{ $arg }' があります
clap-value-required = '{ $arg }' には値が必要ですが、値が指定されていません
clap-invalid-value = '{ $arg }' の値 '{ $value }' は使用できません
clap-value-validation = '{ $arg }' の値 '{ $value }' は使用できません: { $reason }
clap-invalid-subcommand = '{ $subcommand }' というサブコマンドはありません
clap-missing-required = 次の必須の引数が指定されていません: { $args }
clap-missing-subcommand = '{ $command }' にはサブコマンドが必要ですが、指定されていません
clap-used-twice = 引数 '{ $arg }' は一度しか指定できません
clap-conflict = 引数 '{ $arg }' は '{ $other }' と同時に使用できません
clap-conflict-with-others = 引数 '{ $arg }' は、指定されたほかの引数と同時に使用できません
clap-no-equals = '{ $arg }' に値を指定するには等号 (=) が必要です
clap-too-many-values = '{ $arg }' の値 '{ $value }' は余分です。これ以上の値は指定できません
clap-too-few-values = '{ $arg }' には { $needed } 個の値が必要ですが、{ $given } 個しか指定されていません
clap-wrong-number-of-values = '{ $arg }' には { $needed } 個の値が必要ですが、{ $given } 個が指定されました
clap-invalid-utf8 = 引数に UTF-8 として正しくないものがあります
clap-other = コマンドラインを読めません: { $reason }
clap-with-list = { $what }
    {"  "}{ $list }
clap-possible-values = [使用できる値: { $values }]
clap-subcommands = [サブコマンド: { $values }]
clap-similar-argument = ヒント: 似た引数があります: '{ $similar }'
clap-similar-subcommand = ヒント: 似たサブコマンドがあります: '{ $similar }'
clap-similar-value = ヒント: 似た値があります: '{ $similar }'
clap-tip-as-value = ヒント: '{ $arg }' を値として渡すには '-- { $arg }' と書いてください
clap-try-help = 詳しくは '--help' をご覧ください。

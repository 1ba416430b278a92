## Scripts refuse the characters that reorder what a reader sees

# A value bound for a script holds a bidirectional control (U+202E and the like): the script
# would read in another order than it runs. Nothing is written.
emit-bidi-refused = { $item } に双方向制御文字 { $code } が含まれています。スクリプトが実行される順序と異なる順序で表示されるため、スクリプトは書き込んでいません。キャプチャからこの文字を取り除くか、この項目を手作業で戻してください
# Why one command was not written (the remark of a script, or a capture plan).
emit-bidi-not-written = 値に双方向制御文字 { $code } が含まれています

## Commands that hide a secret

# Masking keeps nothing after a secret's name: two commands that differ only there are one item.
read-raw-secret-merged = `{ $command }` は秘密情報を隠しています。{ $other_at } のコマンドも別の内容を隠しています: 同じコマンドを 2 回実行したのか、隠した部分 (秘密情報の後のユーザー名など) だけが異なる 2 つのコマンドなのかを carryover は区別できないため、こちらだけを残します

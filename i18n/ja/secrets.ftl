## Scripts refuse the characters that reorder what a reader sees

# A value bound for a script holds a bidirectional control (U+202E and the like): the script
# would read in another order than it runs. Nothing is written.
emit-bidi-refused = { $item } に双方向制御文字 { $code } が含まれています。スクリプトが実行される順序と異なる順序で表示されるため、スクリプトは書き込んでいません。キャプチャからこの文字を取り除くか、この項目を手作業で戻してください
# Why one command was not written (the remark of a script, or a capture plan).
emit-bidi-not-written = 値に双方向制御文字 { $code } が含まれています

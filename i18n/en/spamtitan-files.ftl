# What the SpamTitan reader says about the files it reads by hand-made format: the by-hand
# template and the legacy API's XML list answers. Arguments are filled as the files hold them;
# the terminal's sanitiser sees the whole line once.

## by-hand.txt
st-files-not-name-value = not `name = value`
st-files-unknown-setting = `{ $name }` is no setting of the template (known: { $known })
st-files-given-twice = `{ $key }` is given twice
st-files-not-filled-in = `{ $key }` is not filled in (still `{ $value }`): not captured
st-files-by-hand-expected = a line of the by-hand template: `name = value`, as the capture script wrote it
st-files-by-hand-empty = a by-hand template without a single `name = value` line: write it again with the capture script and fill it in
st-files-by-hand-unfilled = the by-hand template was not filled in: none of its settings is captured
st-files-not-yes-or-no = `{ $value }` is not yes or no
st-files-holds-a-space = `{ $value }` holds a space: one host or name is expected
st-files-items-by-commas = `{ $value }`: items are separated by commas
st-files-no-cluster-role = `{ $value }` is no cluster role: primary, secondary or standalone

## The legacy API's XML list answers
st-files-xml-expected = the legacy API's XML answer to a list call, saved as it came
st-files-xml-not-well-formed = not well-formed XML: { $reason }
st-files-xml-second-root = a second root element `{ $name }`
st-files-xml-unknown-entity = an unknown entity `&{ $name };`
st-files-xml-cut-off = the answer ends inside `<{ $name }>`: it was cut off
st-files-xml-root = the root element is `{ $root }`, not `response`
st-files-xml-stat = the legacy API answered stat { $stat }: the call failed, so this list was not captured (it is not taken for an empty list)
st-files-xml-stat-saying = the legacy API answered stat { $stat }: { $errors }: the call failed, so this list was not captured (it is not taken for an empty list)
st-files-xml-no-stat = the answer says no stat (ok or fail): this list was not captured

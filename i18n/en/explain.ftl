# The words of `diff`'s coverage rule and of the explained diff (`diff --explain`,
# `restore --check`).
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

## not on this version

diff-summary-not-on-version = { $summary }; { $count } not on the other side's version
diff-not-on-version-in = not on this version: { $side } runs a version without it ({ $count })
diff-markdown-not-on-version = Not on this version (the other side's version has no such item):
diff-markdown-item-not-on-version = `{ $path }`: { $side } runs a version without it

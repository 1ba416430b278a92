# Japanese: the same ids and arguments as i18n/en/kinds.ftl; terms as in i18n/glossary.toml.
# 対処の手順の条件と注記は、その手順とともに示します。条件とそれに従うコマンドは一つの手順で、
# 注記が手順になることはありません。

step-only-if = { $condition }:
step-only-if-then = { $condition }: { $step }
step-noted = { $step } ({ $note })
step-elsewhere-by-hand = { $on } で: { $what }
remedy-only-if-not-installed = { $name } がインストールされていない場合 (それを示すキャプチャはありません)
remedy-only-if-is = `{ $value }` の場合
remedy-only-if-not-wanted = `{ $value }` でなく、ほかの値にする必要もない場合
remedy-script-runs = スクリプトは `{ $command }` を実行します: { $note }

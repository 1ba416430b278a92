#!/usr/bin/env bash
# carryover beside its anchors, on the same inputs, run alternately: the table of issue-style
# ratios the README's performance section shows. Not a test: run it by hand on a quiet machine.
#
#   benches/compare.sh            # 5 rounds (RUNS=9 for steadier medians)
#   WORK=/tmp/co-bench benches/compare.sh   # keep the generated inputs there
#
# Needs hyperfine (`cargo install hyperfine`, or Debian's package), GNU diff and sort, and
# Python 3 (peak RSS comes from its `resource` module: hyperfine does not measure memory).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
command -v hyperfine >/dev/null || { echo "compare.sh: hyperfine is not on PATH" >&2; exit 2; }

cargo build --release --quiet --bin carryover --example generate
BIN=$PWD/target/release/carryover
GEN=$PWD/target/release/examples/generate

# The inputs, from the project's own generator (deterministic: the same bytes on every run).
[ -s "$WORK/big.log" ] || "$GEN" 4100000 1 0 plain >"$WORK/big.log"
[ -s "$WORK/list.log" ] || "$GEN" 1000000 1 0 one-list >"$WORK/list.log"
[ -s "$WORK/a.log" ] || "$GEN" 500000 1 0 plain >"$WORK/a.log"
[ -s "$WORK/b.log" ] || "$GEN" 500000 1 10 plain >"$WORK/b.log"

# name | carryover's command | the anchor's command | what the goal compares
PAIRS=(
  "show-big|$BIN show $WORK/big.log|env LC_ALL=C sort -u $WORK/big.log"
  "show-list|$BIN show $WORK/list.log|env LC_ALL=C sort -u $WORK/list.log"
  "diff|$BIN diff $WORK/a.log $WORK/b.log|diff $WORK/a.log $WORK/b.log"
  "restore-list|$BIN restore --all --to 4.2.3 -o $WORK/restore.txt $WORK/list.log|$BIN show $WORK/list.log"
)

# Wall time: each round runs carryover, then its anchor, once; rounds alternate the two.
for pair in "${PAIRS[@]}"; do
  IFS='|' read -r name ours anchor <<<"$pair"
  for round in $(seq "$RUNS"); do
    hyperfine --runs 1 --style none -i --export-json "$WORK/$name.$round.json" "$ours" "$anchor" >/dev/null
  done
done

python3 benches/table.py "$WORK" "$RUNS" "${PAIRS[@]}"

#!/usr/bin/env bash
# carryover beside its anchors, on the same inputs, run alternately: the table of issue-style
# ratios the README's performance section shows. Not a test: run it by hand on a quiet machine.
#
#   benches/compare.sh                      # 5 rounds (RUNS=9 for steadier medians)
#   WORK=/tmp/co-bench benches/compare.sh   # keep the generated inputs there
#   ONLY="show-list fetch" benches/compare.sh   # some rows only
#   BUILD=0 benches/compare.sh              # use the release binaries already built
#
# Needs GNU diff and sort, and Python 3: benches/table.py runs each command and its anchor in
# turn, reading each run's peak RSS from the kernel (`os.wait4`: hyperfine measures no memory).
# Wall times are hyperfine's when it is on PATH (`cargo install hyperfine`; with a toolchain
# older than hyperfine's newest needs, `--version 1.20.0 --locked`), else table.py's own
# (HYPERFINE=0 forces that). `fetch` and
# `apply` run against the local admin-protocol simulator (examples/admind-sim), started here on
# a free port and stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=${WORK:-$(mktemp -d)}
ONLY=${ONLY:-}
FETCH_ENTRIES=${FETCH_ENTRIES:-2500000}
APPLY_COMMANDS=${APPLY_COMMANDS:-20000}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

if [ "${BUILD:-1}" != 0 ]; then
  # The binary on its own: built beside the examples, it would get the test-only vendor that
  # the dev-dependency on the crate itself turns on, and a release build never has.
  cargo build --release --quiet --bin carryover
  cp target/release/carryover target/release/carryover-measured
  cargo build --release --quiet --example generate --example admind-sim
fi
BIN=$PWD/target/release/carryover-measured
GEN=$PWD/target/release/examples/generate
SIM=$PWD/target/release/examples/admind-sim

# The inputs, from the project's own generator (deterministic: the same bytes on every run).
[ -s "$WORK/big.log" ] || "$GEN" 4100000 1 0 plain >"$WORK/big.log"
[ -s "$WORK/list.log" ] || "$GEN" 1000000 1 0 one-list >"$WORK/list.log"
[ -s "$WORK/a.log" ] || "$GEN" 500000 1 0 plain >"$WORK/a.log"
[ -s "$WORK/b.log" ] || "$GEN" 500000 1 10 plain >"$WORK/b.log"

# For fetch: the shipped rg03 transcript with its primary whitelistto listing grown to
# FETCH_ENTRIES entries (about 40 bytes each on the wire), for the simulator to answer from.
if [ ! -s "$WORK/sim-big.txt" ]; then
  python3 - "$FETCH_ENTRIES" samples/mos/rg03-admind-capture.txt "$WORK/sim-big.txt" <<'EOF'
import sys
entries, sample, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(sample, "rb") as f:
    lines = f.read().split(b"\n")
stripped = [line.rstrip(b"\r") for line in lines]
at = stripped.index(b"C: a016 uce listexception primary whitelistto") + 1
end = b"\r\n" if lines[0].endswith(b"\r") else b"\n"
with open(out, "wb") as f:
    f.write(b"\n".join(lines[:at]) + b"\n")
    for i in range(entries):
        f.write(b'S: * a016 "user%07d@lists.example.com"' % ((i * 7919) % entries) + end)
    f.write(b"\n".join(lines[at:]))
EOF
fi

# For apply: a restore script of APPLY_COMMANDS list entries, and its plan file.
if [ ! -s "$WORK/apply.txt" ]; then
  {
    echo "# carryover restore script for rg03.example.net"
    for i in $(seq -f "%07g" 1 "$APPLY_COMMANDS"); do
      echo "uce addexception primary whitelist user$i@lists.example.com"
    done
  } >"$WORK/apply.txt"
  sum=$(sha256sum "$WORK/apply.txt" | cut -d' ' -f1)
  printf '{"format":"carryover-apply-plan","vendor":"mirapoint-mos","appliance":"rg03.example.net","to":"4.1.9","script_sha256":"%s","against":[]}' \
    "$sum" >"$WORK/apply.txt.plan"
fi

# The simulators: one answering the big transcript (fetch), one the shipped sample (apply).
export ADMIND_SIM_PASSWORD=demo
SIMS=()
stop_sims() { for pid in "${SIMS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_sims EXIT
start_sim() { # $1: the log the simulator's greeting goes to; the rest: its arguments
  local log=$1
  shift
  "$SIM" --port 0 "$@" >"$log" 2>&1 &
  SIMS+=($!)
}
port_of() { # the port a simulator's greeting (in $1) names, once it listens
  for _ in $(seq 600); do
    port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$1")
    [ -n "$port" ] && { echo "$port"; return; }
    sleep 0.1
  done
  echo "compare.sh: the simulator did not start: $(cat "$1")" >&2
  exit 2
}
start_sim "$WORK/sim-fetch.out" --sample "$WORK/sim-big.txt"
start_sim "$WORK/sim-apply.out"
FETCH_PORT=$(port_of "$WORK/sim-fetch.out")
APPLY_PORT=$(port_of "$WORK/sim-apply.out")
LOGIN="--plaintext --user administrator --password-env ADMIND_SIM_PASSWORD"

# The transcript fetch writes, for the anchor of its row and the size its RSS is set against.
FETCHED=$WORK/fetched/rg03.admind.txt
FETCH="rm -rf $WORK/fetched && mkdir $WORK/fetched && $BIN fetch 127.0.0.1 --port $FETCH_PORT $LOGIN --into $WORK/fetched"
[ -s "$FETCHED" ] || bash -c "$FETCH" >/dev/null
cp "$FETCHED" "$WORK/fetched.admind.txt"

# name | carryover's command | the anchor's command | the input its peak RSS is set against
ROWS=(
  "show-big|$BIN show $WORK/big.log|env LC_ALL=C sort -u $WORK/big.log|$WORK/big.log"
  "show-list|$BIN show $WORK/list.log|env LC_ALL=C sort -u $WORK/list.log|$WORK/list.log"
  "diff|$BIN diff $WORK/a.log $WORK/b.log|diff $WORK/a.log $WORK/b.log|$WORK/a.log $WORK/b.log"
  "restore-list|$BIN restore --all --to 4.2.3 -o $WORK/restore.txt $WORK/list.log|$BIN show $WORK/list.log|$WORK/list.log"
  "fetch|$FETCH|$BIN show $WORK/fetched.admind.txt|$WORK/fetched.admind.txt"
  "apply|rm -f $WORK/apply.txt.journal && $BIN apply $WORK/apply.txt 127.0.0.1 --port $APPLY_PORT $LOGIN --yes --send-inferred|:|$APPLY_COMMANDS"
)
if [ -n "$ONLY" ]; then
  KEPT=()
  for row in "${ROWS[@]}"; do
    [[ " $ONLY " == *" ${row%%|*} "* ]] && KEPT+=("$row")
  done
  ROWS=("${KEPT[@]}")
fi

python3 benches/table.py "$RUNS" "${ROWS[@]}"

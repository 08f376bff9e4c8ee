#!/usr/bin/env bash
# Two builds, each on its own database, measured in turn for ROUNDS rounds
# (A then B, mix by mix), and the median requests/s of each printed with
# their ratio. Interleaving spreads this shared machine's drift over both
# builds; the median of three drops a round that another tenant spoiled.
# Issue 9 compares with the product OurSpace replaces through the build it
# measured against it (commit 71d4961, "orig"): see docs/performance.md.
#
#   A=/tmp/orig/bin/ourspace A_DB=ourspace_bench10k_orig \
#   B=bin/ourspace B_DB=ourspace_bench10k PATHS=/tmp/bench/cmp/paths \
#     scripts/bench/sidebyside.sh district_category detail districts
#
# A_ENV and B_ENV are extra environment of each build's server, e.g.
# B_ENV=GOMAXPROCS=1: the Go scheduler's share of a machine it shares with
# the database (docs/operations.md, "CPU").
#
# Each run: a fresh server, WARMUP of wrk, then DURATION measured with CONNS
# connections. Raw lines go to $OUT/sidebyside.tsv. Loopback only.
set -euo pipefail
: "${A:?binary A}" "${B:?binary B}" "${A_DB:?database of A}" "${B_DB:?database of B}"
PATHS=${PATHS:-/tmp/bench/paths}
OUT=${OUT:-/tmp/bench/sidebyside}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-16}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-15s}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
: > "$OUT/sidebyside.tsv"

# shellcheck source=fresh-server.sh
. "$here/fresh-server.sh"

run() { # label binary database mix extra-env → appends "label mix rps"
  start_server "$2" "$3" "$5" "$OUT/$1-server.log" "$OUT/data"
  local pid=$server_pid rps
  wrk -t2 -c"$CONNS" -d"$WARMUP" -s "$here/rotate.lua" http://127.0.0.1:18080 -- "$PATHS/$4.txt" > /dev/null
  rps=$(wrk -t2 -c"$CONNS" -d"$DURATION" -s "$here/rotate.lua" http://127.0.0.1:18080 -- "$PATHS/$4.txt" |
    awk '/^Requests\/sec:/ {print $2}')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s\t%s\t%s\n' "$1" "$4" "$rps" | tee -a "$OUT/sidebyside.tsv"
}

for _ in $(seq 1 "$ROUNDS"); do
  for mix in "$@"; do
    run A "$A" "$A_DB" "$mix" "${A_ENV:-}"
    run B "$B" "$B_DB" "$mix" "${B_ENV:-}"
  done
done

printf '\nmix\tA median\tB median\tB/A\n'
for mix in "$@"; do
  a=$(awk -v m="$mix" '$1=="A" && $2==m {print $3}' "$OUT/sidebyside.tsv" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  b=$(awk -v m="$mix" '$1=="B" && $2==m {print $3}' "$OUT/sidebyside.tsv" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  printf '%s\t%.0f\t%.0f\t%.2f\n' "$mix" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print b/a}')"
done

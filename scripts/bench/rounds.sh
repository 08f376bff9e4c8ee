#!/usr/bin/env bash
# One build, ROUNDS rounds of the given mixes in turn, each run on a fresh
# server: WARMUP of wrk, then DURATION measured with CONNS connections.
# Prints, per run, requests/s, p99 and the CPU milliseconds per request of
# the server and of mariadbd (from /proc), and appends them to
# $OUT/rounds.tsv. How the 100k p99 table of docs/performance.md ("The
# API's own CPU") was taken:
#
#   BIN=bin/ourspace DB=ourspace_bench100k PATHS=/tmp/bench/paths100k \
#     scripts/bench/rounds.sh district_category people_facilities text_very_common text_common text_rare
#
# SERVER_ENV is extra environment of the server (e.g. GOMAXPROCS=2).
# Loopback only.
set -euo pipefail
: "${BIN:?binary}" "${DB:?database}"
PATHS=${PATHS:-/tmp/bench/paths}
OUT=${OUT:-/tmp/bench/rounds}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-16}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-15s}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
[ -s "$OUT/rounds.tsv" ] || printf 'round\tmix\tconns\trps\tp99_ms\tserver_cpu_ms_per_req\tdb_cpu_ms_per_req\n' > "$OUT/rounds.tsv"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
hz=$(getconf CLK_TCK)
# shellcheck source=fresh-server.sh
. "$here/fresh-server.sh"

for round in $(seq 1 "$ROUNDS"); do
  for mix in "$@"; do
    start_server "$BIN" "$DB" "${SERVER_ENV:-}" "$OUT/server.log" "$OUT/data"
    pid=$server_pid
    wrk -t2 -c"$CONNS" -d"$WARMUP" -s "$here/rotate.lua" http://127.0.0.1:18080 -- "$PATHS/$mix.txt" > /dev/null
    db=$(pgrep -x mariadbd)
    s0=$(ticks "$pid") d0=$(ticks "$db")
    result=$(wrk -t2 -c"$CONNS" -d"$DURATION" -s "$here/rotate.lua" http://127.0.0.1:18080 -- "$PATHS/$mix.txt" | grep '^RESULT')
    s1=$(ticks "$pid") d1=$(ticks "$db")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    n=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<< "$result")
    rps=$(sed 's/.*rps=\([0-9]*\).*/\1/' <<< "$result")
    p99=$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<< "$result")
    awk -v r="$round" -v m="$mix" -v c="$CONNS" -v rps="$rps" -v p99="$p99" -v s=$((s1 - s0)) -v d=$((d1 - d0)) -v n="$n" -v hz="$hz" \
      'BEGIN {printf "%s\t%s\t%s\t%s\t%s\t%.3f\t%.3f\n", r, m, c, rps, p99, s * 1000 / hz / n, d * 1000 / hz / n}' | tee -a "$OUT/rounds.tsv"
  done
done

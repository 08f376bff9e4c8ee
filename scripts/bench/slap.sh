#!/usr/bin/env bash
# The raw rate of a mix's SQL alone: the statements the first SLAP_N requests
# of each mix run (written out by scripts/bench/sqlof, parameters inlined) are
# replayed by mysqlslap with CONCURRENCY clients, ITERATIONS times. Each client
# runs the whole file, so requests/s = CONCURRENCY * SLAP_N / seconds.
# One tab-separated line per mix is appended to $OUT/slap.tsv.
#
#   scripts/bench/slap.sh district_category detail
#
# --no-drop is a guard: mysqlslap drops the --create-schema schema after runs
# that create tables in it; with --query alone it does not, but keep it so.
set -euo pipefail

PATHS=${PATHS:-/tmp/bench/paths}
OUT=${OUT:-/tmp/bench/results}
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-3306}
DB_NAME=${DB_NAME:-ourspace_bench}
SLAP_N=${SLAP_N:-100}
# SQLOF_FLAGS: e.g. -warm, for the statements of a server whose detail cache
# holds the spaces (scripts/bench/sqlof).
SQLOF_FLAGS=${SQLOF_FLAGS:-}
CONCURRENCY=${CONCURRENCY:-32}
ITERATIONS=${ITERATIONS:-3}
here=$(cd "$(dirname "$0")" && pwd)
# SRC is the source tree whose statements are replayed (default: this one).
root=${SRC:-$(cd "$here/../.." && pwd)}
mkdir -p "$OUT"
sqlof="$OUT/sqlof"
(cd "$root" && go build -o "$sqlof" ./scripts/bench/sqlof)

[ -s "$OUT/slap.tsv" ] || printf 'mix\trequests\tstatements\tseconds_per_iteration\tsql_requests_per_s\tstatements_per_s\n' > "$OUT/slap.tsv"
for mix in "$@"; do
  sqlfile="$OUT/$mix.slap.sql"
  : > "$sqlfile"
  head -n "$SLAP_N" "$PATHS/$mix.txt" | while read -r path; do
    # shellcheck disable=SC2086
    "$sqlof" -dsn "root@tcp($DB_HOST:$DB_PORT)/$DB_NAME" $SQLOF_FLAGS "$path" >> "$sqlfile"
  done
  stmts=$(grep -c ';$' "$sqlfile")
  mysqlslap -uroot -h"$DB_HOST" -P"$DB_PORT" --create-schema="$DB_NAME" --no-drop \
    --concurrency="$CONCURRENCY" --iterations="$ITERATIONS" --delimiter=";" --query="$sqlfile" > "$OUT/$mix.slap.out"
  secs=$(sed -n 's/.*Average number of seconds to run all queries: \([0-9.]*\) seconds.*/\1/p' "$OUT/$mix.slap.out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mix" "$SLAP_N" "$stmts" "$secs" \
    "$(awk -v c="$CONCURRENCY" -v n="$SLAP_N" -v s="$secs" 'BEGIN {printf "%.0f", c*n/s}')" \
    "$(awk -v c="$CONCURRENCY" -v n="$stmts" -v s="$secs" 'BEGIN {printf "%.0f", c*n/s}')" | tee -a "$OUT/slap.tsv"
done

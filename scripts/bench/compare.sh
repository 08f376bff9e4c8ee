#!/usr/bin/env bash
# Runs the same endpoint mixes against two builds of the server, one after
# the other, on one data set: "before" first, then "after" (whose start-up
# may migrate the database forward, so the order matters). Paths are made
# once, against the before build, so both builds answer the same requests.
#
#   BEFORE=/tmp/before/bin/ourspace AFTER=bin/ourspace DB=ourspace_bench \
#     OUT=/tmp/bench/cmp scripts/bench/compare.sh district_category text_common detail
#
# Results: $OUT/before/results.tsv and $OUT/after/results.tsv (see run.sh);
# the SQL-alone rate of each build's statements: $OUT/<build>/slap.tsv when
# SLAP_MIXES names mixes (BEFORE_SRC / AFTER_SRC: the source trees of the
# builds, whose statements slap.sh replays; default this tree). Loopback only.
set -euo pipefail
: "${BEFORE:?path of the before binary}" "${AFTER:?path of the after binary}"
DB=${DB:-ourspace_bench}
OUT=${OUT:-/tmp/bench/cmp}
SLAP_MIXES=${SLAP_MIXES:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"

start() { # binary label → prints pid
  OURSPACE_DATABASE_NAME=$DB OURSPACE_SEED_DEMO=false OURSPACE_HTTP_ADDR=127.0.0.1:18080 \
  OURSPACE_PUBLIC_URL=http://127.0.0.1:18080 OURSPACE_LOG_LEVEL=warn OURSPACE_DATA_DIR="$OUT/data" \
    "$1" > "$OUT/$2-server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    curl -sf http://127.0.0.1:18080/readyz >/dev/null && { echo "$pid"; return 0; }
    sleep 0.5
  done
  echo "$2 did not become ready; see $OUT/$2-server.log" >&2
  kill "$pid"
  return 1
}

for build in before after; do
  bin=$BEFORE src=${BEFORE_SRC:-}
  [ "$build" = after ] && bin=$AFTER src=${AFTER_SRC:-}
  pid=$(start "$bin" "$build")
  if [ ! -d "$OUT/paths" ]; then
    (cd "$here/../.." && go run ./scripts/bench/mkpaths -dsn "root@tcp(127.0.0.1:3306)/$DB" -base http://127.0.0.1:18080 -out "$OUT/paths")
  fi
  SERVER_PID=$pid PATHS="$OUT/paths" OUT="$OUT/$build" "$here/run.sh" "$@" || true
  if [ -n "$SLAP_MIXES" ]; then
    # shellcheck disable=SC2086
    (cd "$here/../.." && SRC=$src PATHS="$OUT/paths" OUT="$OUT/$build" DB_NAME=$DB "$here/slap.sh" $SLAP_MIXES) || true
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

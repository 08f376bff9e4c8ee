#!/usr/bin/env bash
# Starts the server the booking load run talks to: the bench database, the
# development login (the run signs guests in as new users), points that
# never run out, the public URL on the loopback address the run uses (the
# login cookie is set for it), no rate limits (its guests sign in and book
# from one address far faster than people do). Prints the server's pid.
#
#   scripts/bench/booking-server.sh [binary]     (default bin/ourspace)
set -euo pipefail
bin=${1:-bin/ourspace}
OURSPACE_DATABASE_NAME=${OURSPACE_DATABASE_NAME:-ourspace_bench} OURSPACE_SEED_DEMO=false \
OURSPACE_HTTP_ADDR=127.0.0.1:18080 OURSPACE_PUBLIC_URL=http://127.0.0.1:18080 OURSPACE_LOG_LEVEL=warn \
OURSPACE_WELCOME_POINTS=1000000000000 OURSPACE_RATE_LIMIT_ENABLED=false "$bin" > "${LOG:-/tmp/ourspace-bench-server.log}" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -sf http://127.0.0.1:18080/readyz >/dev/null && { echo "$pid"; exit 0; }
  sleep 0.2
done
echo "server did not become ready; see ${LOG:-/tmp/ourspace-bench-server.log}" >&2
kill "$pid"
exit 1

#!/usr/bin/env bash
# End-to-end tests of the TypeScript client (clients/ts) against a live server
# (scripts/lib/live-server.sh: bin/ourspace on a fresh demo database, stopped
# and dropped afterwards): the client's type check, then its tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/live-server.sh

start_live_server client
cd clients/ts
npm run typecheck
OURSPACE_API_URL="$url" npm test

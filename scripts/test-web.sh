#!/usr/bin/env bash
# End-to-end tests of the web app (web/) in a real browser against a live
# server (scripts/lib/live-server.sh: bin/ourspace, which embeds the web app,
# on a fresh demo database, stopped and dropped afterwards): drives Debian's
# Chromium (/usr/bin/chromium, or CHROMIUM_PATH) through the tests in web/e2e
# with playwright-core. A failing test keeps a screenshot in
# web/e2e-artifacts/. UPDATE_SCREENSHOTS=1 rewrites the README's screenshots
# in docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/live-server.sh

if [[ ! -f web/dist/app/index.html ]]; then
  echo "web/dist/app is missing: run make build (it builds the web app first)" >&2
  exit 1
fi
if [[ ! -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]]; then
  echo "${CHROMIUM_PATH:-/usr/bin/chromium} is missing: apt-get install -y chromium fonts-noto-cjk fonts-noto-color-emoji" >&2
  exit 1
fi

# The map's tiles are set at run time; the tests check the page took these
# (nothing answers on port 9: the markers must show without tiles).
export OURSPACE_MAP_TILE_URL="http://127.0.0.1:9/e2e-tiles/{z}/{x}/{y}.png"
export OURSPACE_MAP_ATTRIBUTION="E2E 지도 타일"
start_live_server web

rm -rf web/e2e-artifacts
start=$SECONDS
OURSPACE_WEB_URL="$url" npm run --silent e2e -w web
echo "== end-to-end tests took $((SECONDS - start))s"

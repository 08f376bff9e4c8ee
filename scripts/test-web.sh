#!/usr/bin/env bash
# End-to-end tests of the web app (web/) in a real browser against a live server.
#
# Starts bin/ourspace (from `make build`, which embeds the web app) on a free
# loopback port with a fresh database, which it seeds with the demo
# marketplace; waits for /readyz; drives Debian's Chromium (/usr/bin/chromium,
# or CHROMIUM_PATH) through the tests in web/e2e with playwright-core; then,
# whatever happened, stops the server and drops the database. A failing test
# keeps a screenshot in web/e2e-artifacts/. UPDATE_SCREENSHOTS=1 rewrites the
# README's screenshots in docs/screenshots/.
#
#   OURSPACE_TEST_MYSQL_DSN  server to use, e.g. user:pass@tcp(127.0.0.1:3306)/ with no
#                            database name; unset: the binary uses MariaDB/MySQL on
#                            127.0.0.1:3306 as root without a password.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=bin/ourspace
if [[ ! -x $bin ]]; then
  echo "$bin is missing: run make build first" >&2
  exit 1
fi
if [[ ! -f web/dist/app/index.html ]]; then
  echo "web/dist/app is missing: run make build (it builds the web app first)" >&2
  exit 1
fi

# Asking the kernel for port 0 gives a free one; the tiny race until the server
# binds it again is acceptable for a test run.
port=$(node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
url="http://127.0.0.1:$port"
db="ourspace_web_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
log=$(mktemp "${TMPDIR:-/tmp}/ourspace-web-server.XXXXXX")
data=$(mktemp -d "${TMPDIR:-/tmp}/ourspace-web-data.XXXXXX") # the embedded object store's file
server_pid=""
log_shown=false

show_log() {
  echo "--- server log ($log) ---" >&2
  cat "$log" >&2
  echo "--- end of server log ---" >&2
  log_shown=true
}

drop_database() {
  local args=(-uroot -h127.0.0.1)
  local dsn=${OURSPACE_TEST_MYSQL_DSN:-}
  if [[ -n $dsn ]]; then
    # user[:password]@tcp(host[:port])/…, the go-sql-driver form.
    local re='^([^:]*)(:(.*))?@tcp\(([^:)]+)(:([0-9]+))?\)'
    if [[ ! $dsn =~ $re ]]; then
      echo "warning: cannot read OURSPACE_TEST_MYSQL_DSN; drop database $db by hand" >&2
      return 0
    fi
    args=(-u"${BASH_REMATCH[1]}" -h"${BASH_REMATCH[4]}" -P"${BASH_REMATCH[6]:-3306}")
    if [[ -n ${BASH_REMATCH[3]} ]]; then
      export MYSQL_PWD="${BASH_REMATCH[3]}"
    fi
  fi
  mysql "${args[@]}" -e "DROP DATABASE IF EXISTS \`$db\`" ||
    echo "warning: could not drop database $db" >&2
}

cleanup() {
  local status=$?
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if [[ -n $server_pid ]]; then
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && $log_shown == false ]]; then
    show_log
  fi
  drop_database
  rm -f "$log"
  rm -rf "$data"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The map's tiles are set at run time; the tests check the page took these
# (nothing answers on port 9: the markers must show without tiles).
export OURSPACE_MAP_TILE_URL="http://127.0.0.1:9/e2e-tiles/{z}/{x}/{y}.png"
export OURSPACE_MAP_ATTRIBUTION="E2E 지도 타일"
server_env=(
  OURSPACE_HTTP_ADDR="127.0.0.1:$port"
  OURSPACE_PUBLIC_URL="$url"
  OURSPACE_DATABASE_NAME="$db"
  OURSPACE_SEED_DEMO=true
  OURSPACE_DATA_DIR="$data"
)
if [[ -n ${OURSPACE_TEST_MYSQL_DSN:-} ]]; then
  server_env+=(OURSPACE_MYSQL_DSN="$OURSPACE_TEST_MYSQL_DSN")
fi
echo "== starting $bin on $url with database $db"
env -u OURSPACE_MYSQL_DSN "${server_env[@]}" "$bin" serve >"$log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + 120))
until curl -fs -o /dev/null --max-time 2 "$url/readyz" 2>/dev/null; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server exited before it was ready" >&2
    show_log
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "GET $url/readyz was not 200 within 120 s" >&2
    show_log
    exit 1
  fi
  sleep 1
done
echo "== server ready after ${SECONDS}s"

if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund # the workspace root: clients/ts and web
fi
if [[ ! -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]]; then
  echo "${CHROMIUM_PATH:-/usr/bin/chromium} is missing: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
rm -rf web/e2e-artifacts
start=$SECONDS
OURSPACE_WEB_URL="$url" npm run --silent e2e -w web
echo "== end-to-end tests took $((SECONDS - start))s"

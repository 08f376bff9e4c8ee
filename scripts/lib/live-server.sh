# Sourced by the scripts that test against a live server (test-client.sh,
# test-web.sh). `start_live_server NAME` starts bin/ourspace (from `make
# build`) on a free loopback port with a fresh database ourspace_NAME_<random>,
# which it seeds with the demo marketplace, waits for /readyz, and sets $url
# and $db. On exit, whatever happened, the server is stopped, its log shown if
# the script failed, and the database dropped. Settings the caller exported
# reach the server.
#
#   OURSPACE_TEST_MYSQL_DSN  server to use, e.g. user:pass@tcp(127.0.0.1:3306)/ with no
#                            database name; unset: the binary uses MariaDB/MySQL on
#                            127.0.0.1:3306 as root without a password.

bin=bin/ourspace
server_pid=""
log_shown=false
log=""
data=""
db=""

show_log() {
  echo "--- server log ($log) ---" >&2
  cat "$log" >&2
  echo "--- end of server log ---" >&2
  log_shown=true
}

drop_database() {
  [[ -n $db ]] || return 0
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

stop_live_server() {
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
  if [[ $status -ne 0 && $log_shown == false && -n $log ]]; then
    show_log
  fi
  drop_database
  [[ -z $log ]] || rm -f "$log"
  [[ -z $data ]] || rm -rf "$data"
  exit "$status"
}

start_live_server() {
  local name=$1
  if [[ ! -x $bin ]]; then
    echo "$bin is missing: run make build first" >&2
    exit 1
  fi
  trap stop_live_server EXIT
  trap 'exit 130' INT TERM
  # Asking the kernel for port 0 gives a free one; the tiny race until the
  # server binds it again is acceptable for a test run.
  local port
  port=$(node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
  url="http://127.0.0.1:$port"
  db="ourspace_${name}_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  log=$(mktemp "${TMPDIR:-/tmp}/ourspace-${name}-server.XXXXXX")
  data=$(mktemp -d "${TMPDIR:-/tmp}/ourspace-${name}-data.XXXXXX") # the embedded object store's file

  local server_env=(
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

  local deadline=$((SECONDS + 120))
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
}

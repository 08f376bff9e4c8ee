# Sourced by sidebyside.sh and rounds.sh: start_server starts a build of
# the server on 127.0.0.1:18080 against a benchmark database, waits until
# it is ready and sets server_pid.
#
#   start_server BINARY DATABASE "EXTRA=ENV ..." LOG DATA_DIR

start_server() {
  # shellcheck disable=SC2086 # the extra environment is words on purpose
  env $3 OURSPACE_DATABASE_NAME="$2" OURSPACE_SEED_DEMO=false OURSPACE_HTTP_ADDR=127.0.0.1:18080 \
    OURSPACE_PUBLIC_URL=http://127.0.0.1:18080 OURSPACE_LOG_LEVEL=warn OURSPACE_DATA_DIR="$5" \
    "$1" > "$4" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do
    curl -sf http://127.0.0.1:18080/readyz >/dev/null && return 0
    sleep 0.3
  done
  echo "server $1 on $2 did not get ready; see $4" >&2
  return 1
}

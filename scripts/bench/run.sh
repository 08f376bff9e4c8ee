#!/usr/bin/env bash
# Load run of a running OurSpace server, one endpoint mix at a time:
#   1. SQL statements a request: MariaDB's global Com_select / Com_stmt_execute /
#      Questions before and after COUNT_N sequential requests of the mix;
#   2. a WARMUP wrk run, then a DURATION wrk run (CONNS connections), during
#      which the server's resident memory is sampled every second and the CPU
#      time of the server and of mariadbd is taken before and after.
# One tab-separated line per mix is appended to $OUT/results.tsv.
#
#   SERVER_PID=1234 scripts/bench/run.sh district_category text detail
#   SERVER_PID=1234 DB_PORT=3307 scripts/bench/run.sh sort_popular
#
# SERVER_PID is the pid of the server under test; DB_PORT the port of the
# MariaDB it uses (its mariadbd is found by the port it listens on). The
# status counters are global: other clients of that server add noise, so
# COUNT_N requests are compared with an idle interval of the same server.
# Paths come from scripts/bench/mkpaths ($PATHS/<mix>.txt). Loopback only.
set -euo pipefail

BASE=${BASE:-http://127.0.0.1:18080}
PATHS=${PATHS:-/tmp/bench/paths}
OUT=${OUT:-/tmp/bench/results}
DURATION=${DURATION:-25s}
WARMUP=${WARMUP:-5s}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
COUNT_N=${COUNT_N:-200}
DB_PORT=${DB_PORT:-3306}
MYSQL="mysql -uroot -h127.0.0.1 -P$DB_PORT -N -B"
: "${SERVER_PID:?set SERVER_PID to the pid of the server under test}"
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"

case "$BASE" in
  http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
  *) echo "BASE must be a loopback URL" >&2; exit 2 ;;
esac

status() { # prints "Com_select Com_stmt_execute Questions"
  $MYSQL -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select','Com_stmt_execute','Questions')" |
    awk '{v[$1]=$2} END {print v["Com_select"], v["Com_stmt_execute"], v["Questions"]}'
}

cputicks() { # utime+stime of a pid, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}

busyticks() { # busy time of all CPUs (user+nice+system+irq+softirq+steal), in clock ticks
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}

mariadb_pid=$(ss -ltnpH "sport = :$DB_PORT" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
hz=$(getconf CLK_TCK)
[ -s "$OUT/results.tsv" ] || printf 'mix\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tnon2xx\tsock_err\tselects_per_req\texecutes_per_req\tquestions_per_req\trss_max_mb\tserver_cpu_ms_per_req\tdb_cpu_ms_per_req\twrk_cpu_ms_per_req\tother_cpu_ms_per_req\tload1\n' > "$OUT/results.tsv"

for mix in "$@"; do
  file="$PATHS/$mix.txt"
  [ -s "$file" ] || { echo "no paths in $file" >&2; exit 1; }

  # 1. statements per request, over COUNT_N requests on one connection, less
  # what the server counted in an idle interval as long (the status queries
  # themselves, other clients).
  read -r s0 e0 q0 < <(status)
  t0=$(date +%s.%N)
  head -n "$COUNT_N" "$file" | sed "s|^|$BASE|" | xargs curl -s -w '\nHTTP %{http_code}\n' > "$OUT/$mix.count.out"
  t1=$(date +%s.%N)
  read -r s1 e1 q1 < <(status)
  sleep "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b-a}')"
  read -r s2 e2 q2 < <(status)
  codes=$(grep -c '^HTTP 200$' "$OUT/$mix.count.out" || true)
  n=$(head -n "$COUNT_N" "$file" | wc -l)
  per() { awk -v a="$1" -v b="$2" -v c="$3" -v n="$n" 'BEGIN {printf "%.2f", ((b-a)-(c-b))/n}'; }
  sel=$(per "$s0" "$s1" "$s2"); exe=$(per "$e0" "$e1" "$e2"); que=$(per "$q0" "$q1" "$q2")
  echo "$mix: $codes/$n answered 200; per request: $sel Com_select, $exe Com_stmt_execute, $que Questions"

  # 2. warm-up, then the measured run with memory and CPU sampling.
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s "$here/rotate.lua" "$BASE" -- "$file" > /dev/null
  : > "$OUT/$mix.rss"
  ( while kill -0 "$SERVER_PID" 2>/dev/null && kill -0 $$ 2>/dev/null; do ps -o rss= -p "$SERVER_PID" >> "$OUT/$mix.rss"; sleep 1; done ) &
  sampler=$!
  c0=$(cputicks "$SERVER_PID"); d0=$([ -n "$mariadb_pid" ] && cputicks "$mariadb_pid" || echo 0); b0=$(busyticks)
  /usr/bin/time -f '%U %S' -o "$OUT/$mix.wrktime" \
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$here/rotate.lua" "$BASE" -- "$file" > "$OUT/$mix.wrk"
  c1=$(cputicks "$SERVER_PID"); d1=$([ -n "$mariadb_pid" ] && cputicks "$mariadb_pid" || echo 0); b1=$(busyticks)
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  load1=$(cut -d' ' -f1 /proc/loadavg)

  line=$(grep '^RESULT' "$OUT/$mix.wrk")
  get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $line"; }
  reqs=$(get requests)
  rss=$(sort -n "$OUT/$mix.rss" | tail -1 | awk '{printf "%.0f", $1/1024}')
  scpu=$(awk -v a="$c0" -v b="$c1" -v n="$reqs" -v hz="$hz" 'BEGIN {printf "%.3f", (b-a)*1000/hz/n}')
  dcpu=$(awk -v a="$d0" -v b="$d1" -v n="$reqs" -v hz="$hz" 'BEGIN {printf "%.3f", (b-a)*1000/hz/n}')
  wcpu=$(awk -v n="$reqs" '{printf "%.3f", ($1+$2)*1000/n}' "$OUT/$mix.wrktime")
  # Whatever else ran on the machine meanwhile (other engineers' tests, the kernel).
  ocpu=$(awk -v a="$b0" -v b="$b1" -v n="$reqs" -v hz="$hz" -v s="$scpu" -v d="$dcpu" -v w="$wcpu" 'BEGIN {printf "%.3f", (b-a)*1000/hz/n - s - d - w}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mix" "$(get rps)" "$(get p50_ms)" "$(get p90_ms)" "$(get p99_ms)" "$(get max_ms)" \
    "$(get non2xx)" "$(get socket_errors)" "$sel" "$exe" "$que" "$rss" "$scpu" "$dcpu" "$wcpu" "$ocpu" "$load1" | tee -a "$OUT/results.tsv"
done

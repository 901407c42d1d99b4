#!/usr/bin/env bash
# A/B of two builds of the target host's request path, measured with wrk, interleaved so drift hits both alike:
#   bench/scripts/target-ab.sh OLD_TARGET_APP_JAR NEW_TARGET_APP_JAR [rounds]
# For each round and each jar: the in-process JDK front-end (threaded, 4 threads) and the async profile's worker
# processes (2 event-loop workers), each serving /hello and /cpu?ms=1 to wrk -t1 -c32 for 5 s on 127.0.0.1.
# Prints one line per cell: jar, front-end, path, requests/s and wrk's p50.
set -euo pipefail
old="$1" new="$2" rounds="${3:-3}"
java="${JAVA:-java}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
run() { # run LABEL JAR FRONTEND -> starts the target, measures both paths, stops it
  local label="$1" jar="$2" frontend="$3" log pid url
  log="$(mktemp)"
  if [ "$frontend" = threaded ]; then
    "$java" -Dsun.net.httpserver.nodelay=true -jar "$jar" --port 0 --workers 4 >"$log" 2>&1 &
  else
    "$java" -jar "$jar" --port 0 --profile async --workers 2 >"$log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 300); do grep -q 'ready: http' "$log" && break; sleep 0.2; done
  url="$(grep -o 'ready: http://[^ ]*' "$log" | head -1 | cut -d' ' -f2)"
  for path in /hello "/cpu?ms=1"; do
    wrk -t1 -c32 -d1s "$url$path" >/dev/null 2>&1 # warm the JIT on this path
    wrk -t1 -c32 -d5s --latency "$url$path" | awk -v l="$label" -v f="$frontend" -v p="$path" \
      '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} END {printf "%s %s %s %s req/s p50 %s\n", l, f, p, rps, p50}'
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -f "$log"
}
for round in $(seq 1 "$rounds"); do
  for frontend in threaded async; do
    run old "$old" "$frontend"
    run new "$new" "$frontend"
  done
done

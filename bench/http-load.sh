#!/usr/bin/env bash
# HTTP load on cache hits, side by side with the Cal.com emulator answering the same query itself.
#   bench/http-load.sh [seconds per run, default 10] [connections, default 32]
# Prints requests per second and p50/p99 latency for: slotgate serving a warm 7-day query (X-Cache: HIT), the
# emulator computing it with no added latency, and the emulator with Cal.com's 300-800 ms latency. All on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
secs=${1:-10}
conns=${2:-32}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; } >&2
./mvnw -q -B -DskipTests package >&2
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
java=("$JAVA_HOME/bin/java" -Xmx1g -jar target/slotgate.jar)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
wait_http() { for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }

fast=$(free_port); slow=$(free_port); gate=$(free_port)
"${java[@]}" emulate --port "$fast" --latency-min-ms 0 --latency-max-ms 0 --rate-limit 100000000 >/dev/null 2>&1 & pids+=($!)
"${java[@]}" emulate --port "$slow" --rate-limit 100000000 >/dev/null 2>&1 & pids+=($!)
"${java[@]}" serve --port "$gate" --calcom-url "http://127.0.0.1:$fast" --calcom-api-key cal_live_slotgate_demo >/dev/null 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$gate/health"; wait_http "http://127.0.0.1:$fast/v2/slots"; wait_http "http://127.0.0.1:$slow/v2/slots"

monday=$(python3 -c 'import datetime as d; t=d.date.today(); print(t + d.timedelta(days=7 - t.weekday()))')
sunday=$(python3 -c "import datetime as d; print(d.date.fromisoformat('$monday') + d.timedelta(days=6))")
query="/v2/slots?eventTypeId=1010&start=$monday&end=$sunday&timeZone=Europe/Berlin"
curl -s -o /dev/null -H 'cal-api-version: 2024-09-04' "http://127.0.0.1:$gate$query"
# the demo freshness is 60 s; keep the runs of the hit path inside one freshness window after this fill
cache=$(curl -s -D - -o /dev/null -H 'cal-api-version: 2024-09-04' "http://127.0.0.1:$gate$query" | tr -d '\r' | sed -n 's/^[Xx]-[Cc]ache: //p')
[ "$cache" = "HIT" ] || { echo "warm-up did not make the query a HIT (X-Cache: $cache)" >&2; exit 1; }

run() {  # name url; a first, unmeasured run lets the JIT compile the path
  local out rps p50 p99
  wrk -t2 -c"$conns" -d5s -H 'cal-api-version: 2024-09-04' "$2" >/dev/null
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H 'cal-api-version: 2024-09-04' "$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %-40s | %10s | %8s | %8s | %s |\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
echo "query: $query, wrk -t2 -c$conns -d${secs}s, $(nproc) cores"
printf '| %-40s | %10s | %8s | %8s | %s |\n' "target" "req/s" "p50" "p99" "non-2xx"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------" "------------" "----------" "----------" "---"
run "slotgate, cache hit" "http://127.0.0.1:$gate$query"
run "emulator computing it, no latency" "http://127.0.0.1:$fast$query"
run "emulator with Cal.com's 300-800 ms" "http://127.0.0.1:$slow$query"

#!/usr/bin/env bash
# HTTP load on cache hits, on loopback, with wrk.
#
#   bench/http-load.sh [seconds per run, default 10] [connections, default 32]
#     slotgate serving a warm 7-day query (X-Cache: HIT), the emulator computing it with no added latency, and the
#     emulator with Cal.com's 300-800 ms latency: requests per second and p50/p99.
#
#   bench/http-load.sh nginx [rounds, default 3] [seconds per run, default 8] [connections, default 32]
#     slotgate's hit path against nginx's proxy_cache (Debian's nginx, installed when missing), both in front of the
#     same emulator (no added latency): checks both answer the same bytes, then runs wrk alternately against each,
#     `rounds` times, first with identity and then with `Accept-Encoding: gzip`, and prints every run, the medians,
#     their ratio (slotgate / nginx) and the load average. Other builds on the machine load the CPU: only ratios taken
#     in one run mean anything.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
mode=hits
if [ "${1:-}" = nginx ]; then mode=nginx; shift; fi
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; } >&2
if [ "$mode" = nginx ]; then
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { apt-get update -qq && apt-get install -y -qq nginx; } >&2
fi
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B -DskipTests package >&2
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
java=("$JAVA_HOME/bin/java" -Xmx1g ${SLOTGATE_JAVA_OPTS:-} -jar target/slotgate.jar)
pids=()
scratch=$(mktemp -d)
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$scratch/nginx.pid" ] && kill "$(cat "$scratch/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
wait_http() { for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
version='cal-api-version: 2024-09-04'

monday=$(python3 -c 'import datetime as d; t=d.date.today(); print(t + d.timedelta(days=7 - t.weekday()))')
sunday=$(python3 -c "import datetime as d; print(d.date.fromisoformat('$monday') + d.timedelta(days=6))")
query="/v2/slots?eventTypeId=1010&start=$monday&end=$sunday&timeZone=Europe/Berlin"

# wrk's latency as milliseconds ("850.00us", "3.70ms", "1.02s")
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

fast=$(free_port); gate=$(free_port)
"${java[@]}" emulate --port "$fast" --latency-min-ms 0 --latency-max-ms 0 --rate-limit 100000000 >"$scratch/emulator.log" 2>&1 & pids+=($!)
"${java[@]}" serve --port "$gate" --calcom-url "http://127.0.0.1:$fast" --calcom-api-key cal_live_slotgate_demo >"$scratch/slotgate.log" 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$gate/health"; wait_http "http://127.0.0.1:$fast/v2/slots"

if [ "$mode" = hits ]; then
  secs=${1:-10}
  conns=${2:-32}
  slow=$(free_port)
  "${java[@]}" emulate --port "$slow" --rate-limit 100000000 >/dev/null 2>&1 & pids+=($!)
  wait_http "http://127.0.0.1:$slow/v2/slots"
  curl -s -o /dev/null -H "$version" "http://127.0.0.1:$gate$query"
  # the demo freshness is 60 s; keep the runs of the hit path inside one freshness window after this fill
  cache=$(curl -s -D - -o /dev/null -H "$version" "http://127.0.0.1:$gate$query" | tr -d '\r' | sed -n 's/^[Xx]-[Cc]ache: //p')
  [ "$cache" = "HIT" ] || { echo "warm-up did not make the query a HIT (X-Cache: $cache)" >&2; exit 1; }
  run() {  # name url; a first, unmeasured run lets the JIT compile the path
    local out rps p50 p99
    wrk -t2 -c"$conns" -d5s -H "$version" "$2" >/dev/null
    out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "$version" "$2")
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
  exit 0
fi

# --- nginx: proxy_cache in front of the same emulator, as the issue that asked for this benchmark configured it ---
rounds=${1:-3}
secs=${2:-8}
conns=${3:-32}
ngx=$(free_port)
mkdir -p "$scratch/cache" "$scratch/tmp"
# nginx's workers run as an unprivileged user: they must reach the scratch dir and write its cache
chmod 755 "$scratch"; chmod 777 "$scratch/cache" "$scratch/tmp"
cat >"$scratch/nginx.conf" <<NGINX
worker_processes 2;
pid $scratch/nginx.pid;
error_log $scratch/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $scratch/tmp/body;
  proxy_temp_path $scratch/tmp/proxy;
  fastcgi_temp_path $scratch/tmp/fastcgi;
  uwsgi_temp_path $scratch/tmp/uwsgi;
  scgi_temp_path $scratch/tmp/scgi;
  proxy_cache_path $scratch/cache keys_zone=slots:10m;
  # nginx's own gzip with its default level (1); json is not in its default gzip_types
  gzip on;
  gzip_types application/json;
  server {
    listen 127.0.0.1:$ngx;
    location / {
      proxy_pass http://127.0.0.1:$fast;
      proxy_cache slots;
      proxy_cache_valid 200 10m;
      proxy_cache_key \$request_uri;
      proxy_cache_lock on;
    }
  }
}
NGINX
/usr/sbin/nginx -p "$scratch" -c "$scratch/nginx.conf"
wait_http "http://127.0.0.1:$ngx/v2/slots"
for target in "$gate" "$ngx"; do
  for _ in 1 2 3; do curl -s -o /dev/null -H "$version" "http://127.0.0.1:$target$query"; done
done
curl -s -D "$scratch/gate.h" -o "$scratch/gate.json" -H "$version" "http://127.0.0.1:$gate$query"
curl -s -D "$scratch/ngx.h" -o "$scratch/ngx.json" -H "$version" "http://127.0.0.1:$ngx$query"
curl -s -o "$scratch/gate.gz" -H "$version" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$gate$query"
curl -s -o "$scratch/ngx.gz" -H "$version" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$ngx$query"
cache=$(tr -d '\r' <"$scratch/gate.h" | sed -n 's/^[Xx]-[Cc]ache: //p')
[ "$cache" = HIT ] || { echo "warm-up did not make the query a HIT on slotgate (X-Cache: $cache)" >&2; exit 1; }
cmp -s "$scratch/gate.json" "$scratch/ngx.json" || {
  echo "slotgate and nginx answer different bytes:" >&2; head -c 300 "$scratch/ngx.h" "$scratch/ngx.json" "$scratch/error.log" >&2; exit 1; }
cmp -s <(gzip -dc "$scratch/gate.gz") "$scratch/gate.json" || { echo "slotgate's gzip answer is not its identity answer" >&2; exit 1; }
cmp -s <(gzip -dc "$scratch/ngx.gz") "$scratch/ngx.json" || { echo "nginx's gzip answer is not its identity answer" >&2; exit 1; }

echo "query: $query ($(wc -c <"$scratch/gate.json") bytes; gzip: slotgate $(wc -c <"$scratch/gate.gz"), nginx $(wc -c <"$scratch/ngx.gz"))"
echo "wrk -t2 -c$conns -d${secs}s --latency -H '$version' [-H 'Accept-Encoding: gzip'] URL, $rounds rounds alternating, $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-8s | %-5s | %-8s | %10s | %8s | %8s | %s |\n' encoding round target req/s p50-ms p99-ms non-2xx
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ---------- ------- ---------- ------------ ---------- ---------- ---
summary=()
for encoding in identity gzip; do
  extra=(); [ "$encoding" = gzip ] && extra=(-H 'Accept-Encoding: gzip')
  declare -A rps=() p99=()
  # an unmeasured run each (WARMUP seconds, 8 by default) lets the JIT compile slotgate's path; nginx gets the same
  for target in "$gate" "$ngx"; do
    wrk -t2 -c"$conns" -d"${WARMUP:-8}s" -H "$version" "${extra[@]}" "http://127.0.0.1:$target$query" >/dev/null
  done
  for round in $(seq 1 "$rounds"); do
    for name in slotgate nginx; do
      port=$gate; [ "$name" = nginx ] && port=$ngx
      out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "$version" "${extra[@]}" "http://127.0.0.1:$port$query")
      r=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      p50=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')")
      p=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
      bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
      rps[$name]="${rps[$name]:-} $r"; p99[$name]="${p99[$name]:-} $p"
      printf '| %-8s | %-5s | %-8s | %10s | %8s | %8s | %s |\n' "$encoding" "$round" "$name" "$r" "$p50" "$p" "${bad:-0}"
    done
  done
  gr=$(median ${rps[slotgate]}); nr=$(median ${rps[nginx]}); gp=$(median ${p99[slotgate]}); np=$(median ${p99[nginx]})
  summary+=("$(printf '| %-8s | %10.0f | %10.0f | %5.2fx | %8.2f | %8.2f | %5.2fx |' "$encoding" "$gr" "$nr" \
    "$(awk -v a="$gr" -v b="$nr" 'BEGIN {print a / b}')" "$gp" "$np" "$(awk -v a="$gp" -v b="$np" 'BEGIN {print a / b}')")")
  unset rps p99
done
echo
echo "medians (ratio = slotgate / nginx), load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-8s | %10s | %10s | %6s | %8s | %8s | %6s |\n' encoding "slotgate/s" "nginx/s" ratio "sg p99" "ngx p99" ratio
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ---------- ------------ ------------ -------- ---------- ---------- --------
printf '%s\n' "${summary[@]}"
cache=$(curl -s -D - -o /dev/null -H "$version" "http://127.0.0.1:$gate$query" | tr -d '\r' | sed -n 's/^[Xx]-[Cc]ache: //p')
echo "slotgate's X-Cache after the runs: $cache"

#!/usr/bin/env bash
# The drop-in routes from outside (issue 11): slotgate serve --demo (its built-in emulator answers in 300-800 ms, as
# Cal.com does), a fixed policy without warming or early refresh and the verifier off, so every Cal.com call it counts
# in /metrics is one a query asked for.
#   bench/dropin.sh
# Prints, for ten slug queries (five by username, five by team slug) and ten legacy GET /v2/slots/available queries
# (no cal-api-version), each asked twice: X-Cache HITs, Cal.com calls and mean latency per pass; the Cal.com calls of
# legacy queries for days 2024-09-04 queries filled; and the status and Cal.com calls of malformed legacy queries.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
./mvnw -q -B -DskipTests package >&2
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
policy=$(mktemp)
cat >"$policy" <<'JSON'
{"name":"dropin-bench","freshTodaySeconds":300,"freshNearSeconds":300,"freshFarSeconds":300,"freshEmptySeconds":300,
 "staleWindowSeconds":0,"webhookSilenceMinutes":0,"refreshAheadBeta":0,"refreshOnInvalidate":false,
 "warmTopEventTypes":0,"fillNearDays":0,"fillFarMonths":false,"fillSpanDays":90}
JSON
SLOTGATE_VERIFIER_EVERY_SECONDS=0 "$JAVA_HOME/bin/java" -jar target/slotgate.jar serve --demo --port "$port" \
  --policy "$policy" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$policy"' EXIT
for _ in $(seq 1 200); do curl -s -o /dev/null "localhost:$port/health" && break; sleep 0.2; done
base="http://localhost:$port"
calls() { curl -s "$base/metrics" | awk '/^slotgate_calcom_calls_total/ {s+=$NF} END {print s+0}'; }
day() { date -u -d "+$1 day" +%F; }

# pass LABEL HEADER URL...: asks each URL once, prints HITs, Cal.com calls and mean latency
pass() {
  local label=$1 header=$2; shift 2
  local before hits=0 total=0 out
  before=$(calls)
  for url in "$@"; do
    out=$(curl -s -o /dev/null -D - -w 'T=%{time_total}\n' ${header:+-H "$header"} "$url" | tr -d '\r')
    total=$(awk -v a="$total" -v b="$(sed -n 's/^T=//p' <<<"$out")" 'BEGIN {print a + b}')
    [ "$(sed -n 's/^X-Cache: //p' <<<"$out")" = HIT ] && hits=$((hits + 1))
  done
  printf '%-44s %2d queries, %2d HIT, %2d Cal.com calls, mean %6.1f ms\n' "$label" "$#" "$hits" \
    "$(( $(calls) - before ))" "$(awk -v t="$total" -v n="$#" 'BEGIN {print t * 1000 / n}')"
}

slugs=()
for q in username=anna\&eventTypeSlug=intro-call username=anna\&eventTypeSlug=consultation \
         username=ben\&eventTypeSlug=strategy-session username=priya\&eventTypeSlug=office-hours \
         username=oliver\&eventTypeSlug=quick-sync teamSlug=demo-team\&eventTypeSlug=sales-demo \
         teamSlug=demo-team\&eventTypeSlug=support-call teamSlug=demo-team\&eventTypeSlug=design-review \
         teamSlug=demo-team\&eventTypeSlug=architecture-sync teamSlug=demo-team\&eventTypeSlug=discovery; do
  slugs+=("$base/v2/slots?$q&start=$(day 3)&end=$(day 4)")
done
pass "slug queries, first" "cal-api-version: 2024-09-04" "${slugs[@]}"
pass "slug queries, repeated" "cal-api-version: 2024-09-04" "${slugs[@]}"

legacy=()
for id in 1001 1002 1003 1004 1005 1006 1007 1008 1009 1010; do
  legacy+=("$base/v2/slots/available?eventTypeId=$id&startTime=$(day 6)&endTime=$(day 8)")
done
pass "legacy, no header, first" "" "${legacy[@]}"
pass "legacy, no header, repeated" "" "${legacy[@]}"

current=(); shared=()
for id in 1001 1002 1003 1004 1005; do
  current+=("$base/v2/slots?eventTypeId=$id&start=$(day 10)&end=$(day 11)")
  shared+=("$base/v2/slots/available?eventTypeId=$id&startTime=$(day 10)&endTime=$(day 12)&timeZone=Europe/Berlin&slotFormat=range")
done
pass "2024-09-04 queries" "cal-api-version: 2024-09-04" "${current[@]}"
pass "legacy (2024-06-14) for the same days" "cal-api-version: 2024-06-14" "${shared[@]}"

before=$(calls)
for q in "" "eventTypeId=abc&startTime=$(day 3)&endTime=$(day 4)" "eventTypeId=1001&startTime=$(day 3)&endTime=$(day 4)&slotFormat=foo" \
         "eventTypeId=1001&startTime=$(day 3)&endTime=$(day 4)&duration=0" "eventTypeId=1001&startTime=$(day 3)&endTime=$(day 4)&timeZone=Foo/Bar"; do
  printf 'malformed legacy: %s ?%s\n' "$(curl -s -o /dev/null -w '%{http_code}' "$base/v2/slots/available?$q")" "$q"
done
echo "malformed legacy queries: $(( $(calls) - before )) Cal.com calls"

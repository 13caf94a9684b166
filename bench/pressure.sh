#!/usr/bin/env bash
# Pressure load test (issue 9): slotgate run as a user runs it, loaded and judged from outside.
#   bench/pressure.sh SCENARIO... [options]      SCENARIO: rush-1, rush-2, rush-2-redis-restart, cold-storm, spread, all
#   bench/pressure.sh --help                     every option (--seconds for a shorter rush, --seed, --out, ...)
# Builds the jar, then one JVM holds the Cal.com emulator (Cal.com's latency and rate limit, webhooks over HTTP),
# a round-robin balancer and the load; slotgate runs as `java -jar target/slotgate.jar serve` processes (two share a
# real redis-server). Prints a table per scenario and writes JSON and slotgate's logs under target/pressure/.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; } >&2
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >&2
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+changes')"
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx1500m -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.slotgate.bench.pressure.PressureMain --commit "$commit" --jar target/slotgate.jar "$@"

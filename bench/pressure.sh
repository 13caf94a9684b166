#!/usr/bin/env bash
# Pressure load test (issue 9): slotgate run as a user runs it, loaded and judged from outside.
#   bench/pressure.sh SCENARIO... [options]      SCENARIO: rush-1, rush-2, rush-2-redis-restart, cold-storm, spread,
#                                                attack (issue 15: junk from 8 clients, one ordinary client), all
#   bench/pressure.sh --help                     every option (--seconds for a shorter rush, --seed, --out, ...)
# Builds the jar, then one JVM holds the Cal.com emulator (Cal.com's latency and rate limit, webhooks over HTTP),
# a round-robin balancer and the load; slotgate runs as `java -jar target/slotgate.jar serve` processes (two share a
# real redis-server). Prints a table per scenario and writes JSON and slotgate's logs under target/pressure/.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; } >&2
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >&2
# the commit of slotgate's own code (src/main, pom.xml), which is what runs; the checkout's HEAD beside it
commit="$(git log -1 --format=%h -- src/main pom.xml)$(git diff --quiet HEAD -- src/main pom.xml || echo '+uncommitted')"
commit="$commit (checkout $(git rev-parse --short HEAD))"
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx1500m -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.slotgate.bench.pressure.PressureMain --commit "$commit" --jar target/slotgate.jar "$@"

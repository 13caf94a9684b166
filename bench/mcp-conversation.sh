#!/usr/bin/env bash
# The agents' conversation benchmark (issue 13): a scripted agent over MCP (the official Java SDK's client, real HTTP)
# against the Cal.com emulator with Cal.com's latency (300-800 ms): next slot, alternatives, the day's slots, a
# competing booking takes the first choice, book_slot answers alternatives in the same call, hold one, book it.
# Prints per-tool p50/p95 through slotgate and for the same questions asked of the emulator directly, and the round
# trips the conflict costs.
#   bench/mcp-conversation.sh [CONVERSATIONS]     (default 30; about 6 s each, most of it the emulator's latency)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >&2
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.slotgate.bench.agents.ConversationBenchmark "$@"

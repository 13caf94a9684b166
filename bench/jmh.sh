#!/usr/bin/env bash
# JMH micro-benchmarks of the cached query path: bench/jmh.sh [JMH options, e.g. -wi 2 -i 3]
# The heap of 10,000 kept renderings against their byte bound: bench/jmh.sh memory
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >&2
if [ "${1:-}" = memory ]; then
  exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    io.slotgate.availability.RenderedAnswersMemory
fi
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.openjdk.jmh.Main 'io.slotgate.bench.*' "$@"

# Sourced by .ci/run and ./slotgate: points JAVA_HOME at a JDK of version 21 or newer.
# The machine's default java may be older (17 here); any JDK 21+ under /usr/lib/jvm will do.
java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then JAVA_HOME="$candidate"; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    if command -v apt-get >/dev/null 2>&1; then
      echo "no JDK 21+ found; installing openjdk-21 (or newer) from Debian's packages" >&2
      apt-get update -qq >&2 && (apt-get install -y -qq openjdk-21-jdk-headless >&2 || apt-get install -y -qq openjdk-25-jdk-headless >&2)
      for candidate in /usr/lib/jvm/*; do
        major=$(java_major "$candidate"); [ -n "$major" ] && [ "$major" -ge 21 ] && JAVA_HOME="$candidate"
      done
    fi
  fi
  [ -n "$JAVA_HOME" ] || { echo "slotgate needs a JDK 21 or newer (set JAVA_HOME)" >&2; exit 1; }
fi
export JAVA_HOME

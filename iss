#!/usr/bin/env bash
# Runs the iss command line. Builds the runnable jar first when it is missing or older than the sources,
# through the Maven wrapper, so a fresh clone needs only a JDK 17+.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/iss-app/target/iss.jar"

stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$here"/pom.xml "$here"/iss-*/pom.xml "$here"/iss-*/src -newer "$jar" -print -quit)" ]
}

if stale; then
  echo "iss: building the runnable jar (first run, or the sources changed); this takes a minute or two..." >&2
  (cd "$here" && ./mvnw -B -q -DskipTests package) >&2
fi
case "${1:-}" in
  bronze|gold|bench|replay|compact)
    # Draining a backlog allocates fast: a young generation this size lets each batch's short-lived records
    # die young instead of being copied from collection to collection (about 1.5x the rows/s), under 1 GB.
    # The parallel collector collects on every core while the pipeline's threads wait (bronze ~10% faster on
    # two cores); without adaptive sizing it keeps the survivor spaces at a fixed size, and so its footprint.
    defaults="-Xms512m -Xmx1g -Xmn256m -XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy" ;;
  *)
    # A small heap is plenty (the broker and the pipeline stream; the query API keeps about 60 MB of gold's
    # windows decoded, see the README's "Operations"). The serial collector with tight free ratios hands memory back,
    # which keeps the resident size of a long `iss run` low.
    defaults="-Xms32m -Xmx512m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30" ;;
esac
# shellcheck disable=SC2086 # the options are a word list
exec java ${ISS_JAVA_OPTS:-$defaults} -jar "$jar" "$@"

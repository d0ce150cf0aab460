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

# Class data sharing: a JVM maps the classes an earlier run loaded (Kafka, Delta, Parquet, Hadoop, Scala) from an
# archive instead of reading and verifying them from the jar again, which takes a second or more off every start.
# The first run, bench, bronze or gold after a build writes the archive as it exits (a few seconds, once); one
# under 32 MB comes from a run that ended before it loaded the pipeline (a usage error, say) and is written again.
# Each JDK gets its own archive: a JVM ignores one another JVM wrote. A JVM replaces the file only once it has
# written it whole and ignores one it finds incomplete, so runs started together are safe.
cds=""
archives="$here/iss-app/target/cds"
java_bin="$(command -v java || true)"
if [ -n "$java_bin" ] && mkdir -p "$archives" 2>/dev/null && [ -w "$archives" ]; then
  archive="$archives/$( (readlink -f "$java_bin" 2>/dev/null || echo "$java_bin") | cksum | cut -d' ' -f1).jsa"
  if [ -n "$(find "$archive" -newer "$jar" -size +32M 2>/dev/null)" ]; then
    cds="-XX:SharedArchiveFile=$archive -Xlog:cds*=off"
  else
    case "${1:-}" in
      run|bench|bronze|gold) cds="-XX:ArchiveClassesAtExit=$archive -Xlog:cds*=off" ;;
    esac
  fi
fi
# shellcheck disable=SC2086 # the options are word lists
exec java $cds ${ISS_JAVA_OPTS:-$defaults} -jar "$jar" "$@"

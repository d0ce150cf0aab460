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
# The first run, bench, bronze or gold after a build writes an archive as it exits (a few seconds, once). Each
# writer has a file of its own, named after its JDK and its process, and a JVM writes the file's header last, so a
# launcher maps the newest archive of its JDK with a header, newer than the jar and over 32 MB (smaller ones come
# from runs that ended before they loaded the pipeline, a usage error say). Archives of an older jar are deleted.
# Left out when ISS_JAVA_OPTS says how to share classes, or the JDK has no base archive to build on (Java 17 would
# then refuse to start).
class_data_sharing() {
  case " ${ISS_JAVA_OPTS:-} " in *-Xshare*|*SharedArchiveFile*|*ArchiveClassesAtExit*) return ;; esac
  local java_bin java_home archives key candidate
  java_bin="$(command -v java)" || return 0
  java_home="$(dirname "$(dirname "$(readlink -f "$java_bin" 2>/dev/null || echo "$java_bin")")")"
  [ -f "$java_home/lib/server/classes.jsa" ] || return 0
  archives="$here/iss-app/target/cds"
  mkdir -p "$archives" 2>/dev/null && [ -w "$archives" ] || return 0
  find "$archives" -name '*.jsa' ! -newer "$jar" -exec rm -f {} + 2>/dev/null || true
  key="$( (echo "$java_home ${JAVA_HOME:-}"; ls -lnL "$java_home/lib/modules") 2>/dev/null | cksum | cut -d' ' -f1)"
  while IFS= read -r candidate; do
    if [ -n "$(find "$candidate" -size +32M)" ] && [ "$(od -An -tx1 -N4 "$candidate" | tr -d ' ')" = a8ab0bf0 ]; then
      cds=("-XX:SharedArchiveFile=$candidate" "-Xlog:cds*=off")
      return
    fi
  done < <(ls -t "$archives/$key"-*.jsa 2>/dev/null)
  case "${1:-}" in
    run|bench|bronze|gold) cds=("-XX:ArchiveClassesAtExit=$archives/$key-$$.jsa" "-Xlog:cds*=off") ;;
  esac
}
cds=()
class_data_sharing "$@"
# shellcheck disable=SC2086 # the options are a word list
exec java ${cds[@]+"${cds[@]}"} ${ISS_JAVA_OPTS:-$defaults} -jar "$jar" "$@"

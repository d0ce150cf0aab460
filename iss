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

# The JDK that builds the jar (the Maven wrapper takes JAVA_HOME too) runs it.
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java_cmd" >/dev/null 2>&1; then
  if [ -n "${JAVA_HOME:-}" ]; then
    echo "iss: JAVA_HOME is $JAVA_HOME, which has no bin/java; point it at a JDK 17 or later, or unset it" >&2
  else
    echo "iss: no java on the PATH; install a JDK 17 or later, or set JAVA_HOME to one" >&2
  fi
  exit 1
fi
# The JDK's home, from the java that runs (through links such as /usr/bin/java).
java_bin="$(command -v "$java_cmd")"
java_home="$(dirname "$(dirname "$(readlink -f "$java_bin" 2>/dev/null || echo "$java_bin")")")"

# A JDK before 17 builds nothing (the build asks for 17) and runs nothing (the classes are 17's), in words that do not
# say so: say it first. Its release file tells without starting a JVM; a JDK without one is left to the JVM.
java_version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$java_home/release" "$java_home/../release" 2>/dev/null | head -1 || true)"
case "$java_version" in
  1.*|[0-9]|[0-9].*|1[0-6]|1[0-6].*)
    echo "iss: $java_bin is Java $java_version, and iss needs a JDK 17 or later: install one, or set JAVA_HOME to one" >&2
    exit 1 ;;
esac

if stale; then
  echo "iss: building the runnable jar (first run, or the sources changed); this takes a minute or two..." >&2
  (cd "$here" && ./mvnw -B -q -DskipTests package) >&2
fi

# The command: the first word that is not one of iss's own options (`iss --config FILE bronze ...`).
command_word() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --config) [ $# -ge 2 ] || return 0; shift 2 ;;
      -*) shift ;;
      *) echo "$1"; return 0 ;;
    esac
  done
}
command="$(command_word "$@")"

case "$command" in
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
# The first run, bench, bronze or gold after a build writes an archive as it exits (a few seconds, once). An
# archive's name holds its JDK and jar (a JVM ignores one of another) and its writer (Java 17 writes over the path
# it is given, and two writers must not share one). The JVM writes the header last, so a launcher maps the newest
# archive of its JDK and jar that has one and is over 32 MB (smaller ones come from runs that ended before they
# loaded the pipeline, a usage error say); archives of another jar are deleted. Left out when the JVM options say
# how to share classes, or the JDK has no base archive: Java 17 would then refuse to start.
class_data_sharing() {
  case " ${ISS_JAVA_OPTS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-} ${_JAVA_OPTIONS:-} " in
    *-Xshare*|*SharedArchiveFile*|*ArchiveClassesAtExit*|*UseSharedSpaces*) return ;;
  esac
  local archives jar_key key archive candidate
  [ -f "$java_home/lib/server/classes.jsa" ] || return 0
  archives="$here/iss-app/target/cds"
  mkdir -p "$archives" 2>/dev/null && [ -w "$archives" ] || return 0
  jar_key="$(identity "$jar" | cksum | cut -d' ' -f1)" || return 0
  key="$( (echo "$java_home"; identity "$java_home/lib/modules") | cksum | cut -d' ' -f1)-$jar_key" || return 0
  archive=""
  for candidate in "$archives"/*.jsa; do
    [ -e "$candidate" ] || continue
    case "$candidate" in
      "$archives/$key"-*)
        if [ -z "$archive" ] || [ "$candidate" -nt "$archive" ]; then
          if [ -n "$(find "$candidate" -size +32M 2>/dev/null)" ] \
              && [ "$(od -An -tx1 -N4 "$candidate" 2>/dev/null | tr -d ' ')" = a8ab0bf0 ]; then
            archive="$candidate"
          fi
        fi ;;
      *-"$jar_key"-*) ;;
      *) rm -f "$candidate" ;;
    esac
  done
  if [ -n "$archive" ]; then
    cds=("-XX:SharedArchiveFile=$archive" "-Xlog:cds*=off")
  else
    case "$command" in
      run|bench|bronze|gold) cds=("-XX:ArchiveClassesAtExit=$archives/$key-$$-${RANDOM}.jsa" "-Xlog:cds*=off") ;;
    esac
  fi
}
# A file's size and modification time (GNU stat, then BSD's); fails when there is no such file.
identity() {
  stat -c '%s %Y' "$1" 2>/dev/null || stat -f '%z %m' "$1" 2>/dev/null
}
cds=()
class_data_sharing
# shellcheck disable=SC2086 # the options are a word list
exec "$java_cmd" ${cds[@]+"${cds[@]}"} ${ISS_JAVA_OPTS:-$defaults} -jar "$jar" "$@"

#!/usr/bin/env bash
# Class data sharing (AppCDS) for a service's runnable jar, used by ./run.sh and ./bench.sh (README, "Performance").
# Most of a start-up is loading and verifying about 15,000 classes, a third of it reading them out of the jars nested
# in the runnable jar. So the jar is unpacked once (Spring Boot's `-Djarmode=tools extract`: the application jar
# plus lib/) and a training run (the application context is built, then the JVM ends: -Dspring.context.exit=onRefresh)
# writes the classes it loaded into an archive (-XX:ArchiveClassesAtExit); later starts map that archive instead.
#
# Both live in <module>/target/cds/<first 16 hex digits of the runnable jar's SHA-256>/, so a rebuilt jar gets a new
# folder (the old ones are removed) and never an archive of other classes; the JVM also checks the size and time of
# every jar on the class path against the archive and starts without it (a warning, -Xshare:auto) on a mismatch.
#
#   scripts/cds.sh <module>...      prepares them (nothing to do when the folder of the current jar exists)
#   . scripts/cds.sh; cds_jar_args <module>
#                                   prints the options that start <module> from them, or "-jar <runnable jar>"
#                                   when they are missing or LBF_CDS=off
# The training run gets the memory limits of scripts/jvm-limits.sh (the archive must be made with the collector it
# is used with) and an empty temporary data folder; it opens no port and starts no event processor.

cds_runnable_jar() {
  echo "$1/target/$1-0.1.0-SNAPSHOT-exec.jar"
}

# the first 16 hex digits of the file's SHA-256 (coreutils, or shasum where there is none, e.g. macOS)
cds_hash() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -c1-16
  else
    shasum -a 256 "$1" | cut -c1-16
  fi
}

cds_folder() {
  local hash
  hash=$(cds_hash "$(cds_runnable_jar "$1")") || return 1
  # absolute: the archive records the class path as given at its making, and the JVM checks it against the start's
  echo "$PWD/$1/target/cds/$hash"
}

cds_jar_args() {
  local module=$1 jar folder
  jar=$(cds_runnable_jar "$module")
  if [ "${LBF_CDS:-on}" != "off" ] && [ -f "$jar" ]; then
    if folder=$(cds_folder "$module") && [ -f "$folder/$module.jsa" ]; then
      echo "-XX:SharedArchiveFile=$folder/$module.jsa -jar $folder/app/$(basename "$jar")"
      return 0
    fi
  fi
  echo "-jar $jar"
}

cds_prepare() {
  local module=$1 jar folder training
  jar=$(cds_runnable_jar "$module")
  [ -f "$jar" ] || { echo "no runnable jar $jar: build first" >&2; return 1; }
  folder=$(cds_folder "$module") || { echo "no SHA-256 tool: $module starts without class data sharing" >&2; return 0; }
  [ -f "$folder/$module.jsa" ] && return 0
  echo "Preparing class data sharing for $module (once per build, about half a minute) ..."
  # made where it is used (the archive records the jars' paths); only the folder of the current jar stays
  rm -rf "$module/target/cds"
  mkdir -p "$folder"
  if ! java -Djarmode=tools -jar "$jar" extract --destination "$folder/app" >"$folder/extract.log" 2>&1; then
    echo "$jar could not be unpacked for class data sharing (it starts without); see $folder/extract.log" >&2
    return 0
  fi
  training=$(mktemp -d)
  # shellcheck disable=SC2086,SC2046 # word splitting of the option lists is intended
  if ! java $(heap_of "$module") $JVM_LIMITS -XX:ArchiveClassesAtExit="$folder/$module.jsa.partial" \
      -Dspring.context.exit=onRefresh -jar "$folder/app/$(basename "$jar")" \
      --lbf.data-dir="$training" --server.port=0 >"$folder/training.log" 2>&1 \
      || [ ! -f "$folder/$module.jsa.partial" ]; then
    rm -rf "$training"
    echo "class data sharing for $module could not be prepared (it starts without); see $folder/training.log" >&2
    return 0
  fi
  rm -rf "$training"
  # the archive is used once it has its name, so an interrupted training leaves none that is used
  mv "$folder/$module.jsa.partial" "$folder/$module.jsa"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cd "$(dirname "$0")/.."
  # shellcheck source=scripts/jvm-limits.sh
  . scripts/jvm-limits.sh
  for module in "$@"; do
    cds_prepare "$module"
  done
fi

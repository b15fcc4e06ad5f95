#!/usr/bin/env bash
# Shrinks the embedded H2 files (event store, persons' keys) to their live data, for a file that grew before the
# services rewrote it themselves (lbf.event-store.housekeeping-interval) or after a burst of commands: H2's
# SHUTDOWN COMPACT copies every live page into a new file and then replaces the old one (a crash meanwhile leaves the
# old file, and H2 removes the half-written copy when it next opens it). Only while no service runs: the URL has no
# AUTO_SERVER, so H2 refuses a file another process holds instead of shutting the database down under it.
# H2 is taken from the command service's runnable jar. Usage: ./run.sh compact-store, or
#   scripts/compact-store.sh [data folder]        (default: $LBF_DATA_DIR, else ./data)
# It uses the default credentials (sa, empty password) of lbf.event-store.* and lbf.personal.*.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_DIR="${1:-${LBF_DATA_DIR:-$PWD/data}}"
JAR=command-service/target/command-service-0.1.0-SNAPSHOT-exec.jar
if [ ! -f "$JAR" ]; then
  echo "build first (./mvnw -B -q -DskipTests package): $JAR is missing" >&2
  exit 1
fi

for store in event-store person-keys; do
  file="$DATA_DIR/$store.mv.db"
  [ -f "$file" ] || continue
  before=$(wc -c <"$file")
  started=$(date +%s)
  # TRACE_LEVEL_FILE=0: the tool's own reconnect after the shutdown would otherwise leave a .trace.db behind
  if ! java -Dloader.main=org.h2.tools.Shell -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher \
      -url "jdbc:h2:file:$DATA_DIR/$store;MODE=PostgreSQL;TRACE_LEVEL_FILE=0" -user sa -password "" \
      -sql "SHUTDOWN COMPACT" >"$DATA_DIR/compact-$store.out" 2>&1 ||
      grep -q "already in use\|locked" "$DATA_DIR/compact-$store.out"; then
    echo "$store: not compacted; stop the services first. H2 said:" >&2
    grep -v "^\s*at " "$DATA_DIR/compact-$store.out" | head -5 >&2
    rm -f "$DATA_DIR/compact-$store.out"
    exit 1
  fi
  rm -f "$DATA_DIR/compact-$store.out"
  echo "$store: $before -> $(wc -c <"$file") bytes in $(($(date +%s) - started)) s"
done

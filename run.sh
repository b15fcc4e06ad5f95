#!/usr/bin/env bash
# Starts the whole system in the embedded default: the token issuer (identity-issuer, 8084) first, then
# command-service (8081), query-service (8082) and the auditors' audit-service (8083), events in H2 files and MongoDB
# documents in in-process stand-ins (one per reading service), all under ./data (LBF_DATA_DIR). Ctrl-C stops all four.
# On the first start the issuer's client secrets are shown once, on this terminal (never in a log file).
# Needs only a JDK 17; the Maven wrapper fetches Maven on first use. `./run.sh compact-store` (nothing running)
# shrinks the H2 files instead (scripts/compact-store.sh).
set -euo pipefail
cd "$(dirname "$0")"

DATA_DIR="${LBF_DATA_DIR:-$PWD/data}"
if [ "${1:-}" = "compact-store" ]; then
  # shrinks the H2 files while nothing runs (scripts/compact-store.sh)
  exec scripts/compact-store.sh "$DATA_DIR"
fi
mkdir -p "$DATA_DIR/logs"

# a port still held, e.g. by the services of an earlier ./run.sh, would answer the health checks below in place of the
# process just started: say so before anything starts (curl's exit code 7: nothing listens)
for port in 8084 8081 8082 8083; do
  held=0
  curl -s -o /dev/null --max-time 2 "http://localhost:$port/" || held=$?
  if [ "$held" != "7" ]; then
    echo "Port $port is in use (an earlier ./run.sh still running?); stop what holds it first. Nothing was started." >&2
    exit 1
  fi
done

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building (skip with SKIP_BUILD=1) ..."
  ./mvnw -B -q -DskipTests package
fi

pids=()
names=()
stop() {
  trap - INT TERM EXIT
  echo "Stopping ..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# the same memory limits as ./bench.sh measures with
# shellcheck source=scripts/jvm-limits.sh
. scripts/jvm-limits.sh
# the services start from an unpacked jar and a class data archive made on the first start after a build
# shellcheck source=scripts/cds.sh
. scripts/cds.sh
for module in command-service query-service audit-service; do
  cds_prepare "$module"
done

start() {
  local name=$1 port=$2
  # shellcheck disable=SC2086 # word splitting of the option lists is intended
  java $(heap_of "$name") $JVM_LIMITS ${JAVA_OPTS:-} $(cds_jar_args "$name") --lbf.data-dir="$DATA_DIR" \
    >"$DATA_DIR/logs/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:$port/actuator/health" >/dev/null 2>&1; then
      echo "$name is up on http://localhost:$port (log: $DATA_DIR/logs/$name.log)"
      return 0
    fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then
      echo "$name failed to start; last lines of its log:" >&2
      tail -n 30 "$DATA_DIR/logs/$name.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "$name did not report healthy within 120 s; see $DATA_DIR/logs/$name.log" >&2
  exit 1
}

ISSUER_JAR=identity-issuer/target/identity-issuer-0.1.0-SNAPSHOT-exec.jar
# in the foreground, so a first start's client secrets appear here and not in the issuer's log
# shellcheck disable=SC2086
java $(heap_of identity-issuer) $JVM_LIMITS ${JAVA_OPTS:-} -jar "$ISSUER_JAR" init --lbf.data-dir="$DATA_DIR"
start identity-issuer 8084
start command-service 8081
start query-service 8082
start audit-service 8083
echo "API docs: http://localhost:8081/swagger-ui.html (commands), :8082 (queries), :8083 (audit)."
echo "A token (the secret is in the issuer's first-start output above, or renew it:"
echo "java -jar $ISSUER_JAR init --renew=servicebuero --lbf.data-dir=$DATA_DIR), then a call with it:"
echo "  TOKEN=\$(curl -s -u servicebuero:<secret> -d grant_type=client_credentials http://localhost:8084/oauth2/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')"
echo "  curl -H \"Authorization: Bearer \$TOKEN\" http://localhost:8082/api/directory"
echo "Ctrl-C stops the issuer and the three services."
# a service that ends on its own (e.g. its heap ran out: -XX:+ExitOnOutOfMemoryError) is named once; the others go on
ended=()
while :; do
  for i in "${!pids[@]}"; do
    if [ -z "${ended[$i]:-}" ] && ! kill -0 "${pids[$i]}" 2>/dev/null; then
      code=0
      wait "${pids[$i]}" || code=$?
      ended[i]=1
      echo "${names[$i]} has ended (exit code $code; 3 after running out of memory), the others keep running." \
        "Its log: $DATA_DIR/logs/${names[$i]}.log. Ctrl-C and ./run.sh again start all anew." >&2
    fi
  done
  sleep 2
done

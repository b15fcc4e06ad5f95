#!/usr/bin/env bash
# Runs the whole benchmark (module benchmarks, de.lokalebuendnisse.benchmarks.Benchmark) and writes
# docs/benchmarks.md and docs/benchmarks.json: starts the three services from their runnable jars on an empty
# temporary data folder, seeds a generated history through the command API and measures every figure of the
# performance issue beside its raw baseline. Every row of the issue's table needs a run at 100x
# (`./bench.sh --scale=100 --rounds=1`, about 50 minutes on 2 cores); scale 1 takes a few minutes (write it elsewhere
# with --out=DIR: it has none of the rows at 100x).
#   ./bench.sh [--scale=1|10|100] [--multiply=N] [--rounds=N] [--seed=N] [--keep] [--no-profiles]
# Above scale 1 the API seeds scale 1 (650 alliances) and every alliance's stream is then copied over JDBC until the
# store holds `scale` times as many alliances (--scale=100: 65,000 alliances, over 2M events); --multiply=N sets
# the multiple by hand (the API then seeds scale/N and N-1 copies are made).
# SKIP_BUILD=1 skips the build (the jars and benchmarks/target/runtime.classpath of an earlier build are used);
# The services get the memory limits of ./run.sh (scripts/jvm-limits.sh, each its own heap), then JAVA_OPTS, as with
# ./run.sh, and start with class data sharing (scripts/cds.sh) unless LBF_CDS=off.
set -euo pipefail
cd "$(dirname "$0")"

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building (skip with SKIP_BUILD=1) ..."
  ./mvnw -B -q -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime
fi
if [ ! -f benchmarks/target/runtime.classpath ]; then
  echo "benchmarks/target/runtime.classpath is missing: run without SKIP_BUILD=1 once" >&2
  exit 2
fi

# the read rows' load comes from wrk (Debian's package), a second process as the issue asks; without it the Java client
# stands in, and its own CPU (about a third of the service's per request on 2 cores) shows in the latencies
if ! command -v wrk >/dev/null; then
  echo "wrk is not installed (apt-get install wrk): the directory rows are measured with the Java client instead" >&2
fi

# the class data archives the services start with, as with ./run.sh (made before the run, so no start-up
# measured includes making them); LBF_CDS=off measures without
if [ "${LBF_CDS:-on}" != "off" ]; then
  scripts/cds.sh command-service query-service audit-service
fi

# shellcheck source=scripts/jvm-limits.sh
. scripts/jvm-limits.sh
# each service's own heap, as ./run.sh starts it (JarDeployables puts JVM_HEAP_<SERVICE> first, then JAVA_OPTS)
JVM_HEAP_COMMAND_SERVICE="$(heap_of command-service)"
JVM_HEAP_QUERY_SERVICE="$(heap_of query-service)"
JVM_HEAP_AUDIT_SERVICE="$(heap_of audit-service)"
JAVA_OPTS="$JVM_LIMITS ${JAVA_OPTS:-}"
export JVM_HEAP_COMMAND_SERVICE JVM_HEAP_QUERY_SERVICE JVM_HEAP_AUDIT_SERVICE JAVA_OPTS
exec java ${BENCH_JAVA_OPTS:--Xmx1g} \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime.classpath)" \
  de.lokalebuendnisse.benchmarks.Benchmark --repository=. --out=docs "$@"

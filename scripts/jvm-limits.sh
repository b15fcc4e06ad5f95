# Memory limits per deployable, sourced by ./run.sh and ./bench.sh so both start the services alike and each stays
# within about 384 MB resident (README, "Performance"): the heap by what each holds, the serial collector (no GC
# threads and regions to pay for on small heaps), bounded metaspace, code cache, thread stacks and direct buffers,
# and few malloc arenas. JAVA_OPTS comes after them where they are used, so any of them can be overridden (the last
# -Xmx wins).
#
# Resident memory under load (NMT summary and smaps_rollup sampled during a benchmark run, peaks 361 to 369 MB): the
# heap was committed in full at start, because the default initial heap (1/64 of the machine's memory) exceeds
# -Xmx; with -Xms48m the serial collector grows it only as far as the live set needs (115 to 145 MB committed at the
# peaks). C2's compiler arenas reach 30 to 47 MB of malloc while it compiles the hot paths under load; memory glibc
# may keep once freed, which -XX:TrimNativeHeapInterval hands back every 5 s (JDK 17.0.9 and later; left out where
# the JVM does not know it). Both together lowered the peaks by 14 to 18 MB (scale 0.2, same load). Tighter
# -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 lowered them by another 7 to 33 MB, but the stats queries ran at
# about half the rate in both runs (likely more collections, not measured), so they are not set.
# C1 only (-XX:TieredStopAtLevel=1): C2's compiler arenas were what still put every service above 384 MB at scale 1.
# Back to back at scale 1 (one run each, machine shared, s20): peaks 393/399/390 MB -> 336/351/332 MB (command,
# query, audit); commands/s through the API 316 -> 393, read p50 7.9 -> 6.7 ms, replay 4,193 -> 4,192 events/s,
# highest lag-bounded rate 236 -> 196 commands/s (its steps are fractions of the throughput median, so not like for
# like). C1 code is slower than C2's on long steady loads; rerun quietly before relying on the throughput figures.
# -XX:+ExitOnOutOfMemoryError: a service whose heap ran out is in no state to trust (stop 30 saw one whose stand-in
# file H2 had closed: every projection failed until a restart, and it no longer ended on SIGTERM), so it ends at
# once, as after kill -9, which loses nothing answered; docker-compose restarts it, ./run.sh says which one ended.
# -Djdk.nio.maxCachedBufferSize=262144: a read into a heap buffer goes through a temporary direct buffer of its size,
# which the JDK keeps per thread, of any size, for the next read. H2 reads whole chunks so, on a thread per
# connection: in stop 31's million-event run, ten such threads kept about 3 MB each and the next read of the command
# service's H2 host failed with "Cannot reserve 3268608 bytes of direct buffer memory" (limit 32 MB). Above 256 KB a
# temporary buffer is now freed after its read; JvmLimitsTest reproduces both.
JVM_LIMITS="-XX:+UseSerialGC -Xms48m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=32m -Djdk.nio.maxCachedBufferSize=262144 -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
if java -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1; then
  JVM_LIMITS="$JVM_LIMITS -XX:TrimNativeHeapInterval=5000"
fi
# Class data sharing (scripts/cds.sh): this JDK maps the class data archives at a random address and rewrites every
# pointer in them, so about 74 of their 88 MB become private memory in each service. -XX:ArchiveRelocationMode=0 (a
# diagnostic flag) maps them where they were made: peak private memory fell by about 40 MB per service, VmRSS (which
# counts the clean file pages too) by 2 to 4 MB. It is not set: it gives up address randomisation for that region
# and does not move the figure the goal is about.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
heap_of() {
  case $1 in
    identity-issuer) echo "-Xmx128m" ;;
    # live after a full GC: query service about 95 MB with 10,000 alliances in in-memory projections
    # (lbf.mongo.embedded-in-memory=true; its default keeps them in the stand-in's file). The command service's old
    # generation was filled to 76 to 88 MB late in a scale-1 benchmark run: with -Xmx128m it ran 26 full collections
    # instead of 8 (60 s instead of 19 s of full-GC time in the same run), so it keeps 160 MB too.
    *) echo "-Xmx160m" ;;
  esac
}

# Memory limits per deployable, sourced by ./run.sh and ./bench.sh so both start the services alike and each stays
# within about 384 MB resident (README, "Performance"): the heap by what each holds (the query service keeps its
# projections in memory), the serial collector (no GC threads and regions to pay for on small heaps), bounded
# metaspace, code cache, thread stacks and direct buffers, and few malloc arenas. JAVA_OPTS comes after them where
# they are used, so any of them can be overridden (the last -Xmx wins).
JVM_LIMITS="-XX:+UseSerialGC -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=32m"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
heap_of() {
  case $1 in
    identity-issuer) echo "-Xmx128m" ;;
    # live after a full GC: command service about 60 MB under load, query service about 95 MB with 10,000
    # alliances in its in-memory projections (far more alliances: lbf.mongo.embedded-in-memory=false, or MongoDB)
    *) echo "-Xmx160m" ;;
  esac
}

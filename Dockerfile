# The one image of every service; docker-compose.yml builds it once per service:
#   build: { context: ./command-service, dockerfile: ../Dockerfile, args: { PORT: "8081" } }
# Single-stage on purpose: the jar is built beforehand on the host with
#   ./mvnw -B -DskipTests package
# so the build context can stay the service's module folder instead of the whole repo.
FROM eclipse-temurin:17-jre

# the service's HTTP port (command-service 8081, query-service 8082, audit-service 8083, as in their application.yml)
ARG PORT

# Not every temurin JRE tag ships curl/wget; the HEALTHCHECK below needs one.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# Don't run the JVM as root.
RUN groupadd --system app && useradd --system --gid app --no-create-home app

WORKDIR /app
# the module folder holds exactly one runnable jar (classifier exec; after a version change run the package with clean)
COPY --chown=app:app target/*-exec.jar /app/app.jar
# the data folder the app user may write (the query service keeps the office's seal signing key there;
# docker-compose mounts a volume on it so the key outlives the container)
RUN mkdir -p /app/data && chown app:app /app/data
ENV LBF_DATA_DIR=/app/data

ARG JVM_HEAP=-Xmx160m
ENV JVM_HEAP=${JVM_HEAP}

# Class data sharing (README, "Performance"; scripts/cds.sh does the same for ./run.sh): most of a start-up is loading
# classes, a third of it out of the jars nested in app.jar. So the jar is unpacked (/app/cds/app/app.jar plus lib/)
# and a training run that builds the application context and ends (-Dspring.context.exit=onRefresh; no port, no
# event processor, an empty throwaway data folder) writes the classes it loaded into /app/cds/app.jsa, with the
# collector and limits the container runs with. Both are made from this very jar in this layer; the JVM still checks
# the jars' sizes and times against the archive and starts without it on a mismatch. /app/app.jar stays for the
# command lines (e.g. the audit service's verify).
# The same limits as scripts/jvm-limits.sh (see there for why -Xms48m, the native heap trim and the archive mapped
# where it was made); the temurin 17 JRE is 17.0.9 or later, so it knows -XX:TrimNativeHeapInterval.
ENV JVM_LIMITS="-XX:+UseSerialGC -Xms48m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=32m -Djdk.nio.maxCachedBufferSize=262144 -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000"
ENV MALLOC_ARENA_MAX=2
RUN java -Djarmode=tools -jar /app/app.jar extract --destination /app/cds/app \
    && mkdir -p /tmp/cds-training \
    && java $JVM_HEAP $JVM_LIMITS -XX:ArchiveClassesAtExit=/app/cds/app.jsa -Dspring.context.exit=onRefresh \
        -jar /app/cds/app/app.jar --lbf.data-dir=/tmp/cds-training --server.port=0 \
    && rm -rf /tmp/cds-training \
    && test -f /app/cds/app.jsa

USER app

# Kept at runtime for the health check; the value is the service's own default port, so nothing changes for it.
ENV SERVER_PORT=${PORT}
EXPOSE ${PORT}

# Generous start period: Spring Boot + Axon need a while before actuator answers.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
    CMD curl -fsS http://localhost:${SERVER_PORT}/actuator/health || exit 1

# Memory limits (README, "Performance"): a heap of JVM_HEAP (docker-compose.yml sets it per service), the serial
# collector, bounded metaspace, code cache, thread stacks and direct buffers (JVM_LIMITS, set above for the training
# run), few malloc arenas; each service then stays within about 384 MB resident. JAVA_OPTS comes last, so it can
# override any of them (-Xshare:off starts without the class data archive).
ENV JAVA_OPTS=""

# sh -c so that the options are expanded at runtime; exec keeps java as PID 1 for signals.
ENTRYPOINT ["sh", "-c", "exec java $JVM_HEAP $JVM_LIMITS -XX:SharedArchiveFile=/app/cds/app.jsa $JAVA_OPTS -jar /app/cds/app/app.jar"]

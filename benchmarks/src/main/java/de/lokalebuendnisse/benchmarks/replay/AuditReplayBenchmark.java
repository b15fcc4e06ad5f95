package de.lokalebuendnisse.benchmarks.replay;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PartnerAdded;
import de.lokalebuendnisse.kernel.buendnis.PartnerId;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.AnswerScale;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.ParticipationBasis;
import de.lokalebuendnisse.kernel.survey.SealCriterion;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignClosed;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignOpened;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import de.lokalebuendnisse.audit.service.history.EventHistory;
import de.lokalebuendnisse.audit.service.replay.AuditReplay;
import de.lokalebuendnisse.audit.service.replay.LiveHistory;
import de.lokalebuendnisse.audit.service.replay.ReplayReport;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures the auditors' replay on a generated history: writes {@code events} events of yearly seasons straight into
 * an embedded H2 event store (Axon's JDBC engine, the services' Jackson settings) in a temporary folder, then replays
 * it {@code rounds} times through {@link AuditReplay}, the rebuilt history going to a MongoDB stand-in
 * (mongo-java-server) in a child process, so this JVM's heap holds only the replay. Prints per round the time,
 * events/s and heap (peak used, and the largest heap left after a collection), then the median.
 * <p>
 * Run from the repository root (the classpath file is written once):
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
 *     -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime
 * java -Xmx512m -cp benchmarks/target/classes:$(cat benchmarks/target/runtime.classpath) \
 *     de.lokalebuendnisse.benchmarks.replay.AuditReplayBenchmark 1000000 3 memory
 * </pre>
 * Arguments: events (default 1,000,000), rounds (3), the stand-in's backend {@code memory} or {@code h2} (its file
 * beside the event store), alliances in the generated history (10,000; fewer give more seasons, hence more periods
 * and grants, in a small history). The generated data is deleted at the end.
 */
public final class AuditReplayBenchmark {

    private static final int DEFAULT_ALLIANCES = 10_000;
    private static final int BATCH = 1000;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("stand-in")) {
            quietLogging();
            standIn(args[1]);
            return;
        }
        run(args, System.out);
    }

    /** The benchmark as {@link #main} runs it, printing to {@code out} (the smoke test reads what it prints). */
    public static void run(String[] args, PrintStream out) throws Exception {
        quietLogging();
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String backend = args.length > 2 ? args[2] : "memory";
        int alliances = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_ALLIANCES;
        Path folder = Files.createTempDirectory("lbf-replay-bench");
        Process standIn = null;
        try (HikariDataSource dataSource = dataSource(folder)) {
            JacksonSerializer serializer = JacksonSerializer.builder()
                    .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper()).build();
            // each batch of appends is one transaction, as the command side commits a unit of work
            de.lokalebuendnisse.platform.positions.OwnPositions positions = new de.lokalebuendnisse.platform.positions.OwnPositions(
                    dataSource, new org.axonframework.eventsourcing.eventstore.jdbc.EventSchema());
            de.lokalebuendnisse.platform.positions.StoreGaps gaps = new de.lokalebuendnisse.platform.positions.StoreGaps(
                    dataSource, new org.axonframework.eventsourcing.eventstore.jdbc.EventSchema());
            JdbcEventStorageEngine engine = positions.engine(JdbcEventStorageEngine.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                    .eventSerializer(serializer).snapshotSerializer(serializer),
                    new de.lokalebuendnisse.platform.positions.StoreFence(dataSource));
            engine.createSchema(PostgresEventTableFactory.INSTANCE);

            long generateStart = System.nanoTime();
            long written = new Generator(engine, alliances).generate(events);
            double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
            out.printf(Locale.ROOT, "generated %,d events in %.1f s (%,.0f events/s) into %s%n", written,
                    generateSeconds, written / generateSeconds, folder);

            standIn = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx8g", "-cp", System.getProperty("java.class.path"), AuditReplayBenchmark.class.getName(),
                    "stand-in", backend.equals("h2") ? folder.resolve("stand-in.mv").toString() : "memory")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String port = new BufferedReader(new InputStreamReader(standIn.getInputStream(), StandardCharsets.UTF_8))
                    .lines().filter(line -> line.startsWith("PORT=")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the MongoDB stand-in process ended without a port"))
                    .substring(5);
            EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
            try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + port)) {
                AuditReplay replay = new AuditReplay(new EventHistory(eventStore, positions, gaps), mongo, serializer,
                        positions);
                List<Double> rates = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    rates.add(round(replay, round, out));
                }
                rates.sort(Comparator.naturalOrder());
                out.printf(Locale.ROOT, "median over %d rounds: %,.0f events/s (stand-in backend: %s)%n",
                        rounds, rates.get(rates.size() / 2), backend);
            } finally {
                eventStore.shutDown();
            }
        } finally {
            if (standIn != null) {
                standIn.destroy();
                standIn.waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** One replay; returns its rate over the reading phase. */
    private static double round(AuditReplay replay, int round, PrintStream out) throws InterruptedException {
        System.gc();
        long before = heapUsed();
        HeapWatch watch = new HeapWatch();
        watch.start();
        long start = System.nanoTime();
        long[] lastLine = {System.nanoTime()};
        ReplayReport report = replay.run(AuditReplay.newId(Instant.now()), false, LiveHistory.none("benchmark"),
                progress -> {
                    if (System.nanoTime() - lastLine[0] > TimeUnit.SECONDS.toNanos(30)) {
                        lastLine[0] = System.nanoTime();
                        out.println("  " + progress.line());
                    }
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        watch.stop = true;
        watch.join();
        System.gc();
        long after = heapUsed();
        long grants = report.periods().stream().mapToLong(p -> p.grants().size() + p.renewals().size()
                + p.revocations().size()).sum();
        out.printf(Locale.ROOT, "round %d: %,d events in %.1f s, %,.0f events/s while reading; %,d entries "
                        + "rebuilt, %d periods with %,d grants/renewals/revocations in the report; heap MB: before %d, "
                        + "peak used %d, largest after a collection %d, after %d; digest %s%n", round,
                report.eventsRead(), seconds, report.eventsPerSecond(), report.history().entries(),
                report.periods().size(), grants, mb(before), mb(watch.peak), mb(watch.peakAfterGc), mb(after),
                report.history().digest());
        return report.eventsPerSecond();
    }

    /** Without Spring Boot, logback would log everything at DEBUG to the console, and the benchmark measure that. */
    private static void quietLogging() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    /** Samples the heap: the peak used, and the peak of what the collector left (the live data, roughly). */
    private static final class HeapWatch extends Thread {
        volatile boolean stop;
        volatile long peak;
        volatile long peakAfterGc;

        HeapWatch() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                peak = Math.max(peak, heapUsed());
                long afterGc = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        afterGc += pool.getCollectionUsage().getUsed();
                    }
                }
                peakAfterGc = Math.max(peakAfterGc, afterGc);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The MongoDB stand-in in a process of its own; prints its port. */
    private static void standIn(String backend) throws InterruptedException {
        MongoServer server = new MongoServer(backend.equals("memory") ? new MemoryBackend() : new H2Backend(backend));
        server.bind("127.0.0.1", 0);
        System.out.println("PORT=" + server.getLocalAddress().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static HikariDataSource dataSource(Path folder) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + folder.resolve("event-store") + ";MODE=PostgreSQL");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(3);
        return new HikariDataSource(config);
    }

    /**
     * Yearly seasons of the given alliances (by default {@value #DEFAULT_ALLIANCES}) from 2005 on, as the services
     * would store them: the survey (about 60 % answer, some amend), the award intake's forwards, Werkstätten and
     * attendances, grants through the survey (about 8 % of the alliances, near the real 31 to 56 of 660), renewals of
     * attending previous holders, a few revocations, pauses, partners. Deterministic (fixed seed), so rounds and runs read the same history.
     */
    private static final class Generator {

        private final JdbcEventStorageEngine engine;
        private final int alliances;
        private final Random random = new Random(20041);
        private final List<DomainEventMessage<?>> batch = new ArrayList<>(BATCH);
        private final java.util.Map<String, Long> streamSequences = new java.util.HashMap<>();
        private final BigDecimal threshold = new BigDecimal("3.00");
        private final List<SealCriterion> criteria = List.of(new SealCriterion("vernetzung", "Vernetzung"),
                new SealCriterion("aktivitaeten", "Aktivitäten und Projekte"),
                new SealCriterion("oeffentlichkeit", "Öffentlichkeitsarbeit"));
        private long written;
        private long limit;

        Generator(JdbcEventStorageEngine engine, int alliances) {
            this.engine = engine;
            this.alliances = alliances;
        }

        long generate(long events) throws Exception {
            this.limit = events;
            BuendnisProfile profile = new BuendnisProfile("Lokales Bündnis für Familie", MunicipalityKey.of("05915000"),
                    "Hamm", Bundesland.NW, OrganisationForm.WORKING_GROUP, LocalDate.of(2005, 3, 15), null,
                    Set.of(FieldOfAction.CHILD_CARE), Set.of());
            Instant start = LocalDate.of(2004, 6, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            for (int i = 0; i < alliances && more(); i++) {
                add(alliance(i), new BuendnisRegistered(alliance(i), profile), start.plusSeconds(i), "crm");
            }
            Set<Integer> holders = new HashSet<>();
            for (int year = 2005; more(); year++) {
                holders = season(year, holders);
            }
            flush();
            return written;
        }

        private boolean more() {
            return written + batch.size() < limit;
        }

        private Set<Integer> season(int year, Set<Integer> previousHolders) {
            CampaignYear campaign = CampaignYear.of(year);
            AwardPeriod period = AwardPeriod.startingIn(year);
            Instant march = LocalDate.of(year, 3, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            add(campaign.toString(), new SurveyCampaignOpened(campaign, "Bündnisumfrage " + year, criteria,
                    new AnswerScale(0, 4), threshold, LocalDate.of(year, 3, 1), LocalDate.of(year, 6, 30)), march,
                    "servicebuero");
            List<SurveyOutcome> outcomes = new ArrayList<>(alliances);
            for (int i = 0; i < alliances; i++) {
                outcomes.add(null);
                Instant at = march.plusSeconds(60L * i);
                if (random.nextInt(100) < 60 && more()) {
                    List<CriterionScore> scores = List.of(new CriterionScore("vernetzung", 1 + random.nextInt(4)),
                            new CriterionScore("aktivitaeten", 1 + random.nextInt(4)),
                            new CriterionScore("oeffentlichkeit", 1 + random.nextInt(4)));
                    ActivityLevel level = ActivityLevel.of(scores);
                    boolean interest = random.nextInt(100) < 50;
                    long sequence = streamSequences.getOrDefault(campaign.toString(), 0L);
                    add(campaign.toString(), new SurveySubmitted(campaign, alliance(i), scores, level, threshold,
                            level.reaches(threshold), interest, SubmissionChannel.ONLINE,
                            new ParticipationBasis(BuendnisStatus.ACTIVE, period.previous(), false)), at, "survey-tool");
                    outcomes.set(i, new SurveyOutcome(campaign, level, threshold, level.reaches(threshold), interest,
                            SubmissionChannel.ONLINE, sequence));
                }
                if (random.nextInt(100) < 40 && more()) {
                    add(alliance(i).toString(), new PartnerAdded(alliance(i), PartnerId.of("p" + year + "-" + i),
                            "Partner " + i, PartnerType.COMPANY), at, "crm");
                }
            }
            Instant july = LocalDate.of(year, 7, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            add(campaign.toString(), new SurveyCampaignClosed(campaign, alliances, 0), july, "servicebuero");
            AwardCeremony ceremony = new AwardCeremony(LocalDate.of(year, 11, 22), "Berlin");
            Instant august = LocalDate.of(year, 8, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            add(period.toString(), new AwardPeriodOpened(period, campaign, "Ausgezeichnetes Bündnis " + period.label(),
                    ceremony, GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                    period.previous(), previousHolders.stream().sorted().limit(50).map(AuditReplayBenchmark::alliance)
                    .toList()), august, "servicebuero");
            WerkstattScheduled nuernberg = new WerkstattScheduled(period, WerkstattId.of("nuernberg-" + year),
                    "Metropolregion Nürnberg", "Nürnberg", LocalDate.of(year, 9, 12), WerkstattFormat.IN_PERSON);
            add(period.toString(), nuernberg, august.plusSeconds(60), "servicebuero");
            Set<Integer> holders = new HashSet<>();
            Instant september = LocalDate.of(year, 9, 12).atStartOfDay().toInstant(ZoneOffset.UTC);
            List<Object[]> grants = new ArrayList<>();
            for (int i = 0; i < alliances && more(); i++) {
                SurveyOutcome outcome = outcomes.get(i);
                if (outcome != null) {
                    add(period.toString(), new SurveyOutcomeRecorded(period, alliance(i), outcome),
                            july.plusSeconds(i), "award-intake-process");
                }
                boolean previous = previousHolders.contains(i);
                boolean eligible = outcome != null && outcome.sufficient() && outcome.projektZukunftInterest();
                if ((eligible && random.nextInt(100) < 45) || (previous && random.nextInt(100) < 70)
                        || random.nextInt(100) < 5) {
                    boolean represented = random.nextInt(100) < 20;
                    WerkstattAttendance attendance = new WerkstattAttendance(nuernberg.werkstattId(),
                            nuernberg.region(), nuernberg.place(), nuernberg.date(), nuernberg.format(),
                            represented ? AttendanceMode.REPRESENTATIVE : AttendanceMode.SELF,
                            represented ? "Stadtverwaltung, Familienbüro " + i : null);
                    add(period.toString(), new WerkstattAttended(period, alliance(i), attendance),
                            september.plusSeconds(i), "werkstatt-registration");
                    if (eligible || previous) {
                        grants.add(new Object[] {i, attendance, previous && !eligible ? null : outcome});
                    }
                }
            }
            Instant ceremonyDay = LocalDate.of(year, 11, 22).atStartOfDay().toInstant(ZoneOffset.UTC);
            List<BuendnisId> granted = new ArrayList<>();
            for (Object[] grant : grants) {
                if (!more()) {
                    break;
                }
                int i = (Integer) grant[0];
                SurveyOutcome outcome = (SurveyOutcome) grant[2];
                GrantEvidence evidence = outcome == null
                        ? new GrantEvidence(GrantBasis.RENEWAL, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                        RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null, (WerkstattAttendance) grant[1],
                        period.previous(), BuendnisStatus.ACTIVE)
                        : new GrantEvidence(GrantBasis.SURVEY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                        RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, outcome, (WerkstattAttendance) grant[1], null,
                        BuendnisStatus.ACTIVE);
                add(period.toString(), new SealGranted(period, alliance(i), "Ausgezeichnetes Bündnis "
                        + period.label(), evidence, true, ceremony), ceremonyDay.plusSeconds(granted.size()),
                        "servicebuero");
                granted.add(alliance(i));
                holders.add(i);
            }
            add(period.toString(), new AwardCeremonyHeld(period, ceremony, granted.stream().limit(50).toList()),
                    ceremonyDay.plusSeconds(36_000), "servicebuero");
            Instant december = LocalDate.of(year, 12, 10).atStartOfDay().toInstant(ZoneOffset.UTC);
            int revoked = 0;
            for (BuendnisId holder : granted) {
                if (random.nextInt(100) < 2 && more()) {
                    add(period.toString(), new SealRevoked(period, holder, "Angaben der Umfrage nicht belegt",
                            GrantBasis.SURVEY), december.plusSeconds(revoked++), "ministerium");
                }
            }
            for (int n = 0; n < alliances / 100 && more(); n++) {
                int i = random.nextInt(alliances);
                add(alliance(i).toString(), new BuendnisPaused(alliance(i), "Koordination unbesetzt"),
                        december.plusSeconds(1000 + n), "crm");
                add(alliance(i).toString(), new BuendnisResumed(alliance(i)), december.plusSeconds(2000 + n), "crm");
            }
            add(period.toString(), new AwardPeriodClosed(period, granted.size(), revoked),
                    LocalDate.of(year + 1, 10, 1).atStartOfDay().toInstant(ZoneOffset.UTC), "servicebuero");
            return holders;
        }

        private void add(BuendnisId alliance, Object payload, Instant at, String caller) {
            add(alliance.toString(), payload, at, caller);
        }

        private void add(String aggregateId, Object payload, Instant at, String caller) {
            if (written + batch.size() >= limit) {
                return;
            }
            long sequence = streamSequences.merge(aggregateId, 1L, Long::sum) - 1;
            String type = aggregateId.startsWith("buendnis:") ? "Buendnis"
                    : aggregateId.startsWith("seal-award:") ? "SealAward" : "SurveyCampaign";
            // identifiers from the seeded generator too, so that two generated histories are the same
            batch.add(new GenericDomainEventMessage<>(type, aggregateId, sequence, new GenericMessage<>(
                    new UUID(random.nextLong(), random.nextLong()).toString(), payload, MetaData.with("caller", caller)
                    .and("correlationId", "bench-" + (written + batch.size()))), () -> at));
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        /** One JDBC batch in one transaction. */
        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            engine.appendEvents(batch);
            written += batch.size();
            batch.clear();
        }
    }

    private static BuendnisId alliance(int i) {
        return BuendnisId.of("b" + i);
    }
}

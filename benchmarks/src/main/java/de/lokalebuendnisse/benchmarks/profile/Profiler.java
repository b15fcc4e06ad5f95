package de.lokalebuendnisse.benchmarks.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a deployable's CPU went while some work ran: JDK Flight Recorder's execution samples of its process, started
 * and stopped with {@code jcmd}, summed up by thread, by component and by method. A sample counts for the method
 * nearest to its leaf whose class belongs to a named component (so {@code HashMap.get} called by the stand-in's
 * query matcher counts for the matcher), and for that method's component.
 * <p>
 * A profile explains a gap to a goal; it is taken in an extra round that is not counted, so the recorder's own cost
 * stays out of the measured figures.
 * <p>
 * Execution samples are taken of Java threads only, and the serial collector the services run with collects in the
 * JVM's own thread: its time is in no sample. The recording therefore also keeps the process's garbage collections,
 * and a profile states their pauses beside the samples (in a rebuild of the directory about a fifth of the query
 * service's time, by hand with {@code jstat}).
 */
public final class Profiler {

    /** Named components, by the start of their classes' names; the first match wins. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("de.lokalebuendnisse.platform.mongo.", "the MongoDB stand-in's file (this project's backend)");
        COMPONENTS.put("de.lokalebuendnisse.", "this project's code");
        COMPONENTS.put("de.bwaldvogel.mongo.", "the MongoDB stand-in (mongo-java-server)");
        COMPONENTS.put("org.h2.mvstore.", "H2's MVStore (files of the event store and the stand-in)");
        COMPONENTS.put("org.h2.", "H2's SQL engine (the event store)");
        COMPONENTS.put("org.axonframework.", "Axon Framework");
        COMPONENTS.put("com.mongodb.", "the MongoDB driver");
        COMPONENTS.put("org.bson.", "the MongoDB driver");
        COMPONENTS.put("com.fasterxml.jackson.", "Jackson");
        COMPONENTS.put("org.springframework.security.", "Spring Security (tokens, roles)");
        COMPONENTS.put("com.nimbusds.", "Spring Security (tokens, roles)");
        COMPONENTS.put("org.springframework.", "Spring");
        COMPONENTS.put("org.apache.catalina.", "Tomcat (HTTP)");
        COMPONENTS.put("org.apache.coyote.", "Tomcat (HTTP)");
        COMPONENTS.put("org.apache.tomcat.", "Tomcat (HTTP)");
        COMPONENTS.put("io.netty.", "Netty (the stand-in's wire protocol)");
        COMPONENTS.put("com.zaxxer.hikari.", "HikariCP");
        COMPONENTS.put("java.io.ObjectOutputStream", "Java serialisation");
        COMPONENTS.put("java.io.ObjectInputStream", "Java serialisation");
        COMPONENTS.put("java.io.ObjectStreamClass", "Java serialisation");
        COMPONENTS.put("sun.nio.ch.", "sockets and files (JDK)");
        COMPONENTS.put("java.util.zip.", "compression (JDK)");
        COMPONENTS.put("sun.security.", "cryptography (JDK)");
        COMPONENTS.put("java.security.", "cryptography (JDK)");
    }

    /** A name and its share of the samples (0 to 1). */
    public record Share(String name, double share) {
    }

    /**
     * The garbage collections of a round: how many, how many of them collected the old generation (with the serial
     * collector each of those is a full collection), and their pauses summed up.
     */
    public record GarbageCollections(int count, int oldGeneration, double pauseSeconds) {

        static final GarbageCollections NONE = new GarbageCollections(0, 0, 0);
    }

    /** One deployable's profile; {@code problem} is set (and the rest empty) when none could be taken. */
    public record Profile(String deployable, int samples, double seconds, List<Share> threads,
                          List<Share> components, List<Share> methods, GarbageCollections collections, String problem) {

        /** One line for the report. */
        public String summary() {
            if (problem != null) {
                return deployable + ": no profile (" + problem + ")";
            }
            return String.format(Locale.ROOT, "%s, %,d samples in %.0f s: threads %s; components %s; methods %s; %s",
                    deployable, samples, seconds, join(threads), join(components), join(methods), collected());
        }

        /** The collections of the round, whose time no sample holds. */
        private String collected() {
            return String.format(Locale.ROOT, "garbage collection (in no sample): %,d collections, %,d of them of the"
                            + " old generation, paused %.1f s of %.0f s (%.0f %%)", collections.count(),
                    collections.oldGeneration(), collections.pauseSeconds(), seconds,
                    seconds <= 0 ? 0 : collections.pauseSeconds() / seconds * 100);
        }

        private static String join(List<Share> shares) {
            List<String> parts = new ArrayList<>();
            for (Share share : shares) {
                parts.add(String.format(Locale.ROOT, "%s %.0f %%", share.name(), share.share() * 100));
            }
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }
    }

    /** Work during which the deployables are profiled. */
    public interface Work {
        void run() throws Exception;
    }

    /**
     * The recording's settings: execution samples only, every 2 ms (JFR's "profile" settings take one every 10 ms and
     * record much else; a round of a few seconds then gave well under a hundred samples).
     */
    static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="lbf-benchmark" description="CPU samples for the benchmark's gaps">
              <event name="jdk.ExecutionSample">
                <setting name="enabled">true</setting>
                <setting name="period">2 ms</setting>
              </event>
              <event name="jdk.GarbageCollection">
                <setting name="enabled">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
            </configuration>
            """;

    private final Path folder;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    /** Recordings are written to {@code folder}. */
    public Profiler(Path folder) {
        this.folder = folder;
    }

    /**
     * Runs {@code work} while each process in {@code pids} (deployable name to process id) records; the work's own
     * failure is thrown, a recording that could not be made or read is a profile with its {@code problem}.
     */
    public List<Profile> during(String label, Map<String, Long> pids, Work work) throws Exception {
        Files.createDirectories(folder);
        Path settings = Files.writeString(folder.resolve("samples.jfc"), SETTINGS, StandardCharsets.UTF_8);
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, String> problems = new HashMap<>();
        String recording = "bench-" + label.replaceAll("[^A-Za-z0-9]+", "-");
        for (Map.Entry<String, Long> process : pids.entrySet()) {
            Path file = folder.resolve(recording + "-" + process.getKey() + ".jfr");
            String answer = jcmd(process.getValue(), "JFR.start", "name=" + recording + "-" + process.getKey(),
                    "settings=" + settings.toAbsolutePath(),
                    "filename=" + file.toAbsolutePath());
            if (answer == null || !answer.contains("Started recording")) {
                problems.put(process.getKey(), "JFR.start answered " + abbreviate(answer));
            } else {
                files.put(process.getKey(), file);
            }
        }
        long start = System.nanoTime();
        try {
            work.run();
        } finally {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                String answer = jcmd(pids.get(file.getKey()), "JFR.stop", "name=" + recording + "-" + file.getKey());
                if (answer == null || !Files.isRegularFile(file.getValue())) {
                    problems.put(file.getKey(), "JFR.stop answered " + abbreviate(answer));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Profile> profiles = new ArrayList<>();
        for (String deployable : pids.keySet()) {
            if (problems.containsKey(deployable)) {
                profiles.add(new Profile(deployable, 0, seconds, List.of(), List.of(), List.of(),
                        GarbageCollections.NONE, problems.get(deployable)));
                continue;
            }
            try {
                profiles.add(summarise(deployable, seconds, RecordingFile.readAllEvents(files.get(deployable))));
            } catch (IOException e) {
                profiles.add(new Profile(deployable, 0, seconds, List.of(), List.of(), List.of(),
                        GarbageCollections.NONE, "the recording could not be read: " + e.getMessage()));
            }
        }
        return profiles;
    }

    /**
     * The execution samples of {@code events} summed up by thread, component and method (the top of each), and the
     * garbage collections among them.
     */
    static Profile summarise(String deployable, double seconds, List<RecordedEvent> events) {
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> components = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        int samples = 0;
        int collections = 0;
        int oldGeneration = 0;
        long pauseNanos = 0;
        for (RecordedEvent event : events) {
            if (event.getEventType().getName().equals("jdk.GarbageCollection")) {
                collections++;
                if (collectsTheOldGeneration(event.getString("name"))) {
                    oldGeneration++;
                }
                pauseNanos += event.getDuration("sumOfPauses").toNanos();
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            RecordedThread thread = event.getThread("sampledThread");
            threads.merge(threadGroup(thread == null ? null : thread.getJavaName()), 1, Integer::sum);
            String method = "other (JDK)";
            String component = "the JDK and other libraries";
            RecordedStackTrace stack = event.getStackTrace();
            if (stack != null) {
                for (RecordedFrame frame : stack.getFrames()) {
                    if (!frame.isJavaFrame() || frame.getMethod() == null) {
                        continue;
                    }
                    String type = frame.getMethod().getType().getName();
                    String named = componentOf(type);
                    if (named != null) {
                        method = simpleName(type) + "." + frame.getMethod().getName();
                        component = named;
                        break;
                    }
                }
            }
            components.merge(component, 1, Integer::sum);
            methods.merge(method, 1, Integer::sum);
        }
        return new Profile(deployable, samples, seconds, top(threads, samples, 6), top(components, samples, 8),
                top(methods, samples, 12), new GarbageCollections(collections, oldGeneration, pauseNanos / 1e9),
                samples == 0 ? "no execution samples recorded" : null);
    }

    /**
     * Whether a collector by JFR's name collects the old generation: the serial and parallel collectors' old
     * collections ({@code SerialOld}, {@code ParallelOld}) and any full collection ({@code G1Full}, …).
     */
    static boolean collectsTheOldGeneration(String collector) {
        return collector != null && (collector.endsWith("Old") && !collector.startsWith("G1")
                || collector.contains("Full"));
    }

    static String componentOf(String className) {
        for (Map.Entry<String, String> component : COMPONENTS.entrySet()) {
            if (className.startsWith(component.getKey())) {
                return component.getValue();
            }
        }
        return null;
    }

    /** A thread's name without its numbers and paths, so a pool's threads are one group. */
    static String threadGroup(String name) {
        if (name == null) {
            return "unnamed";
        }
        String withoutPaths = name.replaceAll("/\\S*/", "");
        return withoutPaths.replaceAll("\\d+", "N").trim();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static List<Share> top(Map<String, Integer> counts, int total, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new Share(e.getKey(), total == 0 ? 0 : e.getValue() / (double) total))
                .toList();
    }

    /** What jcmd printed, or null when it could not be run or did not end within 30 s. */
    private String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "nothing (jcmd could not be run)";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}

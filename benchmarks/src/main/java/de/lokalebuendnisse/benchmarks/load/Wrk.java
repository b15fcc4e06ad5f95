package de.lokalebuendnisse.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Closed-loop read load from {@code wrk} (Debian's package), a second process on loopback as the performance issue
 * suggests: its event loops cost the 2-core machine a small fraction of the CPU per request that the JDK's
 * {@code HttpClient} costs in the benchmark's own JVM (about 0.5 ms per request, a third of the service's), so the
 * latency measured is the service's, not the client's. Each of its connections sends the next request when the last
 * is answered, the paths in turn, with the role's bearer token; a Lua script counts answers with another status than
 * the one expected and prints the figures on one line that {@link #parse} reads.
 */
public final class Wrk {

    /** The line the script prints when wrk is done. */
    private static final Pattern SUMMARY = Pattern.compile("LBF-WRK requests=(\\d+) seconds=([0-9.]+) p50=([0-9.]+)"
            + " p99=([0-9.]+) unexpected=(\\d+) errors=(\\d+)(?: example=(.*))?");

    private final Path executable;

    private Wrk(Path executable) {
        this.executable = executable;
    }

    /** wrk from the PATH, if installed. */
    public static Optional<Wrk> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, "wrk");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new Wrk(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * What one load gave: requests answered, seconds, latency p50 and p99 (ms), answers with another status than
     * expected, socket errors and timeouts, and one unexpected answer's status (or null).
     */
    public record Figures(long requests, double seconds, double p50Ms, double p99Ms, long unexpected, long errors,
                          String example) {

        public double rate() {
            return requests / seconds;
        }
    }

    /**
     * {@code connections} closed-loop connections on 2 threads for {@code duration}, sending GET {@code paths} of
     * {@code baseUrl} in turn with the bearer {@code token}; every answer should have {@code expectedStatus}.
     */
    public Figures get(String baseUrl, List<String> paths, String token, int connections, Duration duration,
                       int expectedStatus) throws IOException, InterruptedException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no path to request");
        }
        Path script = Files.createTempFile("lbf-wrk", ".lua");
        try {
            Files.writeString(script, script(paths, token, expectedStatus), StandardCharsets.UTF_8);
            List<String> command = List.of(executable.toString(), "--threads", "2",
                    "--connections", String.valueOf(connections),
                    "--duration", Math.max(1, duration.toSeconds()) + "s",
                    "--timeout", "10s", "--script", script.toString(), baseUrl);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (var in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not finish: " + Load.abbreviate(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("wrk ended with " + process.exitValue() + ": " + Load.abbreviate(output));
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** The figures from wrk's output: the script's summary line. */
    static Figures parse(String output) {
        Matcher line = Stream.of(output.split("\n")).map(SUMMARY::matcher).filter(Matcher::matches).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no summary: " + Load.abbreviate(output)));
        double seconds = Double.parseDouble(line.group(2));
        if (seconds <= 0) {
            throw new IllegalStateException("wrk ran for no time: " + line.group());
        }
        return new Figures(Long.parseLong(line.group(1)), seconds, Double.parseDouble(line.group(3)),
                Double.parseDouble(line.group(4)), Long.parseLong(line.group(5)), Long.parseLong(line.group(6)),
                line.group(7));
    }

    /**
     * Per thread the paths in turn (thread n starts at path n, so two threads do not send the same sequence); each
     * thread counts its unexpected answers, the main state sums them when wrk is done. Latency in wrk is in
     * microseconds.
     */
    static String script(List<String> paths, String token, int expectedStatus) {
        List<String> quoted = new ArrayList<>();
        for (String path : paths) {
            quoted.add(lua(path));
        }
        return String.join("\n",
                "local paths = {" + String.join(", ", quoted) + "}",
                "local headers = { [\"Authorization\"] = " + lua("Bearer " + token) + " }",
                "local threads = {}",
                "local counter = 0",
                "function setup(thread)",
                "  counter = counter + 1",
                "  thread:set(\"offset\", counter)",
                "  table.insert(threads, thread)",
                "end",
                "function init(args)",
                "  unexpected = 0",
                "  example = \"\"",
                "  next_path = offset",
                "end",
                "function request()",
                "  next_path = next_path % #paths + 1",
                "  return wrk.format(\"GET\", paths[next_path], headers)",
                "end",
                "function response(status, headers, body)",
                "  if status ~= " + expectedStatus + " then",
                "    unexpected = unexpected + 1",
                "    if example == \"\" then example = tostring(status) .. \" \" .. string.sub(body or \"\", 1, 120) end",
                "  end",
                "end",
                "function done(summary, latency, requests)",
                "  local total, first = 0, \"\"",
                "  for _, thread in ipairs(threads) do",
                "    total = total + thread:get(\"unexpected\")",
                "    local seen = thread:get(\"example\")",
                "    if first == \"\" and seen ~= nil then first = seen end",
                "  end",
                "  local e = summary.errors",
                "  io.write(string.format(\"LBF-WRK requests=%d seconds=%.6f p50=%.3f p99=%.3f unexpected=%d"
                        + " errors=%d example=%s\\n\",",
                "    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,",
                "    latency:percentile(99) / 1000, total, e.connect + e.read + e.write + e.timeout,"
                        + " (string.gsub(first, \"\\n\", \" \"))))",
                "end",
                "");
    }

    /** A Lua string literal. */
    private static String lua(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("not a plain ASCII path or token: " + text);
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wrk (%s)", executable);
    }
}

package de.lokalebuendnisse.audit.service.replay;

import java.time.Instant;

/**
 * A replay started over HTTP as its caller sees it.
 *
 * @param status   {@code RUNNING}, {@code FINISHED} or {@code FAILED}
 * @param progress null until the replay's thread has started reading
 * @param error    why it failed; null otherwise
 * @param report   once finished
 */
public record ReplayState(String id, String status, boolean keep, Instant acceptedAt, ReplayProgress progress,
                          String error, ReplayReport report) {

    public static final String RUNNING = "RUNNING";
    public static final String FINISHED = "FINISHED";
    public static final String FAILED = "FAILED";
}

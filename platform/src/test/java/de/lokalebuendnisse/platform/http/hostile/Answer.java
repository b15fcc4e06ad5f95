package de.lokalebuendnisse.platform.http.hostile;

import java.time.Duration;

/** What a probe got back. */
public record Answer(int status, String contentType, String body, Duration took) {

    @Override
    public String toString() {
        return status + " " + contentType + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body)
                + " (" + took.toMillis() + " ms)";
    }
}

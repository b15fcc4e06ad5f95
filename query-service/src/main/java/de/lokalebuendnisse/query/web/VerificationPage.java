package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.SealGrantView;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The public verification page, in German, rendered on the server: every value is escaped, there is no script, and
 * the one style sheet is inline and allowed by its hash, so the page works under a Content-Security-Policy of
 * {@code default-src 'none'} (sent with it, besides the platform's headers). Nothing personal is shown, and of a
 * revocation only its day.
 */
final class VerificationPage {

    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
            + "padding:0 1rem;color:#1a1a1a}"
            + ".state{padding:1rem 1.25rem;border-radius:.5rem;margin:1rem 0}"
            + ".valid{background:#e6f4ea;border:2px solid #1e7e34}"
            + ".revoked{background:#fdecea;border:2px solid #b00020}"
            + ".unknown{background:#f1f1f1;border:2px solid #666}"
            + "h1{font-size:1.5rem;margin:0 0 .5rem}dt{font-weight:600;margin-top:.5rem}dd{margin:0}"
            + "code{font-size:1.1rem;letter-spacing:.05em}footer{margin-top:2rem;font-size:.85rem;color:#555}";
    /** The page's policy: nothing but its own inline style; forms, frames, bases and plugins are all refused. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE)
            + "'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private VerificationPage() {
    }

    static String valid(SealGrantView grant, String jsonPath) {
        String state = "<div class=\"state valid\" id=\"state\" data-state=\"valid\"><h1>Gültig</h1><p>Das Siegel "
                + "„" + escape(grant.sealName()) + "“ wurde dem Bündnis „" + escape(grant.allianceName()) + "“ verliehen.</p></div>";
        return page("Siegel gültig", state + details(grant, jsonPath));
    }

    static String revoked(SealGrantView grant, String jsonPath) {
        String state = "<div class=\"state revoked\" id=\"state\" data-state=\"revoked\"><h1>Widerrufen</h1>"
                + "<p>Dieses Siegel wurde am " + date(grant.revokedOn())
                + " widerrufen. Der Grund wird nicht veröffentlicht.</p></div>";
        return page("Siegel widerrufen", state + details(grant, jsonPath));
    }

    static String unknown() {
        return page("Prüfcode unbekannt", "<div class=\"state unknown\" id=\"state\" data-state=\"unknown\">"
                + "<h1>Unbekannt</h1><p>Zu diesem Prüfcode ist kein Siegel verzeichnet. Bitte prüfen Sie den Code "
                + "auf der Urkunde.</p></div>");
    }

    static String tooMany(long retryAfterSeconds) {
        return page("Zu viele Anfragen", "<div class=\"state unknown\" id=\"state\" data-state=\"rate-limited\">"
                + "<h1>Zu viele Anfragen</h1><p>Bitte versuchen Sie es in " + retryAfterSeconds
                + " Sekunden erneut.</p></div>");
    }

    private static String details(SealGrantView grant, String jsonPath) {
        StringBuilder dl = new StringBuilder("<dl>");
        item(dl, "Bündnis", escape(grant.allianceName()));
        item(dl, "Ort", escape(grant.place()) + (grant.bundeslandName() == null ? ""
                : " (" + escape(grant.bundeslandName()) + ")"));
        item(dl, "Siegel", escape(grant.sealName()));
        item(dl, "Zeitraum", escape(grant.period().label()) + ", gültig bis Ende " + grant.validThrough());
        item(dl, "Verliehen am", date(grant.grantedOn()) + (grant.atCeremony() && grant.ceremonyPlace() != null
                ? " beim Bündnisdialog in " + escape(grant.ceremonyPlace()) : ""));
        item(dl, "Grundlage", grant.basis() == GrantBasis.RENEWAL
                ? "Verlängerung" + (grant.previousPeriod() == null ? ""
                : " des Siegels " + escape(grant.previousPeriod().label()))
                : "Bündnisumfrage und Zukunftswerkstatt");
        item(dl, "Prüfcode", "<code>" + escape(grant.verificationCode().grouped()) + "</code>");
        dl.append("</dl>");
        dl.append("<p><a href=\"").append(escape(jsonPath)).append("\">Signierter Nachweis (JSON, Open Badges 3.0)</a></p>");
        return dl.toString();
    }

    private static void item(StringBuilder dl, String term, String value) {
        dl.append("<dt>").append(term).append("</dt><dd>").append(value).append("</dd>");
    }

    private static String page(String title, String main) {
        return "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + escape(title) + " – Lokale Bündnisse für Familie</title><style>" + STYLE
                + "</style></head><body><main>" + main + "</main><footer>Siegelprüfung der Initiative "
                + "„Lokale Bündnisse für Familie“</footer></body></html>";
    }

    private static String date(LocalDate day) {
        return day == null ? "–" : GERMAN_DATE.format(day);
    }

    static String escape(String text) {
        if (text == null) {
            return "–";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

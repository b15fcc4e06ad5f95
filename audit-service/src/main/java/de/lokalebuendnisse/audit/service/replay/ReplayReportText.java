package de.lokalebuendnisse.audit.service.replay;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report for people: Markdown or a standalone HTML page with the same headings and tables. Both are built from
 * one list of blocks so they never say different things.
 */
public final class ReplayReportText {

    private sealed interface Block permits Heading, Paragraph, Table {
    }

    private record Heading(int level, String text) implements Block {
    }

    private record Paragraph(String text) implements Block {
    }

    private record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    private ReplayReportText() {
    }

    public static String markdown(ReplayReport report) {
        StringBuilder md = new StringBuilder();
        for (Block block : blocks(report)) {
            if (block instanceof Heading h) {
                md.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof Paragraph p) {
                md.append(p.text()).append("\n\n");
            } else if (block instanceof Table t) {
                md.append(row(t.header())).append(row(t.header().stream().map(c -> "---").toList()));
                t.rows().forEach(r -> md.append(row(r)));
                md.append('\n');
            }
        }
        return md.toString();
    }

    public static String html(ReplayReport report) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">"
                + "<title>Audit replay " + escape(report.replayId()) + "</title><style>body{font-family:sans-serif;"
                + "margin:2em}table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #999;"
                + "padding:.2em .5em;text-align:left;vertical-align:top}code{font-size:.9em}</style></head><body>\n");
        for (Block block : blocks(report)) {
            if (block instanceof Heading h) {
                html.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h")
                        .append(h.level()).append(">\n");
            } else if (block instanceof Paragraph p) {
                html.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (block instanceof Table t) {
                html.append("<table><thead><tr>");
                t.header().forEach(c -> html.append("<th>").append(inline(c)).append("</th>"));
                html.append("</tr></thead><tbody>\n");
                for (List<String> r : t.rows()) {
                    html.append("<tr>");
                    r.forEach(c -> html.append("<td>").append(inline(c)).append("</td>"));
                    html.append("</tr>\n");
                }
                html.append("</tbody></table>\n");
            }
        }
        return html.append("</body></html>\n").toString();
    }

    private static List<Block> blocks(ReplayReport r) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "Audit replay " + r.replayId()));
        blocks.add(new Table(List.of("", ""), List.of(
                List.of("started", r.startedAt().toString()),
                List.of("finished", r.finishedAt() + " (" + decimal(r.seconds()) + " s)"),
                List.of("read up to position (head at the start)", Long.toString(r.headPosition())),
                List.of("events read", r.eventsRead() + " (" + decimal(r.eventsPerSecond()) + " events/s)"),
                List.of("rebuilt in database", r.database().kept() ? "`" + r.database().name() + "`, kept"
                        : "none (not kept: compared from temporary files, deleted at the end)"),
                List.of("chain head (" + r.chain().form() + ")", "`" + r.chain().head() + "` after position "
                        + r.chain().position() + ", " + r.chain().eventsChained() + " events chained"),
                List.of("history digest (" + r.history().form() + ", " + r.history().algorithm() + ")",
                        "`" + r.history().digest() + "` over " + r.history().entries() + " entries"))));

        ReplayReport.Comparison c = r.comparison();
        blocks.add(new Heading(2, "Comparison with the live audit history"));
        if (!c.compared()) {
            blocks.add(new Paragraph("**Not compared:** " + c.note()));
        } else {
            blocks.add(new Paragraph((c.differencesTotal() == 0 ? "**No differences**" : "**"
                    + c.differencesTotal() + " differences**" + (c.differencesTotal() > c.differences().size()
                    ? " (the first " + c.differences().size() + " listed)" : "")) + " to the " + c.source()
                    + ": " + c.liveEntries() + " live entries of the years " + c.years() + " up to position "
                    + r.headPosition() + "." + (c.note() == null ? "" : " " + c.note())));
            if (!c.differences().isEmpty()) {
                blocks.add(new Table(List.of("kind", "year", "position", "event", "field", "replay", "live"),
                        c.differences().stream().map(d -> List.of(d.kind(), Integer.toString(d.year()),
                                Long.toString(d.position()), text(d.eventId()), text(d.field()), text(d.replay()),
                                text(d.live()))).toList()));
            }
        }

        blocks.add(new Heading(2, "Events per year and type"));
        List<List<String>> types = new ArrayList<>();
        for (ReplayReport.YearEvents year : r.eventsPerYear()) {
            for (Map.Entry<String, Long> type : year.types().entrySet()) {
                types.add(List.of(Integer.toString(year.year()), type.getKey(), type.getValue().toString()));
            }
            types.add(List.of(Integer.toString(year.year()), "**all**", "**" + year.events() + "**"));
        }
        blocks.add(new Table(List.of("year", "type", "events"), types));

        blocks.add(new Heading(2, "Award periods"));
        if (r.periods().isEmpty()) {
            blocks.add(new Paragraph("No award period is recorded."));
        }
        for (ReplayReport.Period p : r.periods()) {
            blocks.add(new Heading(3, p.period() + (p.sealName() == null ? "" : ": " + p.sealName())));
            blocks.add(new Paragraph("Grant rule " + text(p.grantRule()) + ", renewal rule " + text(p.renewalRule())
                    + ", survey " + text(p.surveyYear()) + ", previous period " + text(p.previousPeriod())
                    + (p.ceremony() == null ? "" : "; ceremony " + p.ceremony().date() + " in " + p.ceremony().place()
                    + (p.ceremony().held() ? " (held)" : " (planned)"))
                    + (p.closed() == null ? "; open." : "; closed on " + p.closed().on() + " stating "
                    + p.closed().sealsGranted() + " seals granted, " + p.closed().sealsRevoked() + " revoked.")));
            blocks.add(new Paragraph("**Grants through the survey: " + p.grants().size() + "**"));
            if (!p.grants().isEmpty()) {
                blocks.add(new Table(List.of("Bündnis", "granted", "activity level / threshold", "Projekt Zukunft",
                        "Werkstatt", "attended", "position", "caller"),
                        p.grants().stream().map(g -> List.of(g.buendnisId(), g.grantedOn().toString(), survey(g),
                                g.survey() == null ? "" : g.survey().projektZukunftInterest() ? "yes" : "no",
                                werkstatt(g), attendance(g), Long.toString(g.position()),
                                caller(g.caller(), g.callerSubject(), g.callerClient(), g.callerRole()))).toList()));
            }
            blocks.add(new Paragraph("**Renewals: " + p.renewals().size() + "**"));
            if (!p.renewals().isEmpty()) {
                blocks.add(new Table(List.of("Bündnis", "granted", "previous period", "Werkstatt", "attended",
                        "position", "caller"),
                        p.renewals().stream().map(g -> List.of(g.buendnisId(), g.grantedOn().toString(),
                                text(g.previousPeriod()), werkstatt(g), attendance(g), Long.toString(g.position()),
                                caller(g.caller(), g.callerSubject(), g.callerClient(), g.callerRole()))).toList()));
            }
            blocks.add(new Paragraph("**Revocations: " + p.revocations().size() + "**"));
            if (!p.revocations().isEmpty()) {
                blocks.add(new Table(List.of("Bündnis", "revoked", "grant basis", "reason", "position", "caller"),
                        p.revocations().stream().map(v -> List.of(v.buendnisId(), v.revokedOn().toString(),
                                v.grantBasis(), text(v.reason()), Long.toString(v.position()),
                                caller(v.caller(), v.callerSubject(), v.callerClient(), v.callerRole()))).toList()));
            }
        }

        blocks.add(new Heading(2, "Digest per year"));
        blocks.add(new Paragraph("The same form as the whole history's digest, over the entries listed under each "
                + "year; an export of the year names the same digest in its manifest."));
        blocks.add(new Table(List.of("year", "entries", "digest"), r.history().years().stream()
                .map(y -> List.of(Integer.toString(y.year()), Long.toString(y.entries()), "`" + y.digest() + "`"))
                .toList()));
        return blocks;
    }

    /**
     * Who acted: the name, then the verified role, subject and client ({@link ActingIdentity#label}); the name alone
     * for events stored before tokens were required, whose caller was self-declared.
     */
    static String caller(String name, String subject, String client, String role) {
        return new ActingIdentity(name, subject, client, role).label();
    }

    private static String survey(ReplayReport.Grant g) {
        return g.survey() == null ? "" : plain(g.survey().activityLevel()) + " / " + plain(g.survey().threshold())
                + " (" + g.survey().year() + ", " + g.survey().channel() + ")";
    }

    private static String werkstatt(ReplayReport.Grant g) {
        return g.werkstatt() == null ? "" : g.werkstatt().place() + " " + g.werkstatt().date()
                + " (" + g.werkstatt().werkstattId() + ")";
    }

    private static String attendance(ReplayReport.Grant g) {
        if (g.werkstatt() == null) {
            return "";
        }
        return g.werkstatt().representative() == null ? g.werkstatt().mode()
                : "represented by " + g.werkstatt().representative();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A Markdown table row; a cell's own pipes and line breaks must not end it. */
    private static String row(List<String> cells) {
        StringBuilder line = new StringBuilder("|");
        for (String cell : cells) {
            line.append(' ').append(cell.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\r\n]+", " "))
                    .append(" |");
        }
        return line.append('\n').toString();
    }

    /** HTML-escapes, then renders the two Markdown marks the blocks use: **bold** and `code`. */
    private static String inline(String text) {
        return escape(text).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>")
                .replaceAll("`([^`]+)`", "<code>$1</code>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

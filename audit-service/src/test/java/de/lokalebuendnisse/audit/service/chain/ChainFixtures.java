package de.lokalebuendnisse.audit.service.chain;

import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.audit.service.chain.EventStoreTable.Row;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** What the tests compute on their own, from the raw rows, to hold the verifier's answers against. */
final class ChainFixtures {

    private ChainFixtures() {
    }

    /** The chain's link after the last chained row at or before {@code upTo}. */
    static String head(List<Row> rows, long upTo) {
        String link = AuditChain.GENESIS;
        for (Row row : rows) {
            if (row.globalIndex() <= upTo && AuditChain.covers(row.payloadType())) {
                link = AuditChain.link(link, row.chained());
            }
        }
        return link;
    }

    static long chainedCount(List<Row> rows, long upTo) {
        return rows.stream().filter(row -> row.globalIndex() <= upTo && AuditChain.covers(row.payloadType())).count();
    }

    /** An anchor's payload in the shape the command side writes when a period closes. */
    static String anchorJson(String kind, String label, long lastPosition, String lastEventId, long chainedEvents,
                             String head) {
        return anchorJson(kind, label, AuditChain.FORM, lastPosition, lastEventId, chainedEvents, head);
    }

    /** An anchor's payload naming {@code form}: anchors recorded before the identity was chained name form v1. */
    static String anchorJson(String kind, String label, String form, long lastPosition, String lastEventId,
                             long chainedEvents, String head) {
        return "{\"scope\":{\"kind\":\"" + kind + "\",\"label\":\"" + label + "\"},\"form\":\"" + form
                + "\",\"lastPosition\":" + lastPosition + ",\"lastEventId\":\"" + lastEventId
                + "\",\"chainedEvents\":" + chainedEvents + ",\"head\":\"" + head + "\"}";
    }

    /** Waits until the audit-chain projection's stored token has passed {@code position}. */
    static void awaitRecorded(ChainRecords records, long position) {
        await("the audit-chain projection records up to position " + position).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> records.coverage(Map.of()).map(coverage -> coverage.index() >= position).orElse(false));
    }
}

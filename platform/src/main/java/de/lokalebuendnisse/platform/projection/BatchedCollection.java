package de.lokalebuendnisse.platform.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A projection's collection as its handlers change it: documents addressed by id, changed with upserts.
 * <p>
 * Inside a processor batch ({@link BatchFlushInterceptor} marks it) the upserts (and whole-document replacements,
 * {@link #replace}) are kept in order and written with one
 * ordered bulk write when the batch's last event has been handled, before Axon stores the batch's token; a document
 * a handler reads is loaded once per batch and kept up to date with the batch's upserts in memory. Everywhere else
 * (a dead-letter retry, a test driving a handler) every upsert and read goes straight to the database. The written
 * operations are the same upserts either way (field by field, as before), so what a batch leaves in the database is
 * exactly what its events applied one by one would leave; a crash before the bulk write leaves the token behind,
 * and the batch is handled again by the idempotent handlers. In a replay window ({@link ReplayWindows}) a changed
 * document is written whole instead, as the window keeps it current ({@code Batch.writesWholeDocuments}).
 * <p>
 * The in-memory copy understands the update operators the projections use ($set, $unset, $addToSet, $pull of plain
 * values, on dotted paths) and refuses any other, so a handler cannot read a copy that differs from the database.
 * <p>
 * Given the id each event addresses ({@code documentOf}), a batch loads the documents of all its events with one
 * {@code $in} find when the collection is first used in the batch, instead of one find per document: nothing of the
 * batch has been written to the collection before that moment, so what is loaded is what the database holds.
 * <p>
 * A document's consecutive upserts in a batch are sent as one update wherever MongoDB gives exactly what they give one
 * by one ({@link #merge}): an alliance's fifty partners in a batch are one write of its document, not fifty (each of
 * which rewrites the whole document in the store). The writes of different documents may therefore reach the database
 * in another order than their events; a unique index besides {@code _id} must therefore never see a value pass from
 * one document to another (the audit history's {@code position} belongs to one event's document for good).
 */
public final class BatchedCollection {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    /** The most writes sent in one bulk write. */
    static final int WRITES_PER_BULK = 100;
    private static final ReplaceOptions REPLACE_UPSERT = new ReplaceOptions().upsert(true);
    private static final String SET = "$set";
    private static final String UNSET = "$unset";

    private final MongoCollection<BsonDocument> collection;
    /**
     * Per event payload the id of the document its handler changes, or null; loaded ahead for the whole batch. Null
     * for a collection that loads nothing ahead: then no payload of the batch is deserialized for it (the audit chain
     * also handles events whose payload this service cannot read).
     */
    private final Function<Object, Object> documentOf;

    public BatchedCollection(MongoCollection<?> collection) {
        this.collection = collection.withDocumentClass(BsonDocument.class);
        this.documentOf = null;
    }

    /**
     * {@code documentOf} gives the id of the document an event's handler reads or changes (null: none), so a batch
     * loads all of them with one find.
     */
    public BatchedCollection(MongoCollection<?> collection, Function<Object, Object> documentOf) {
        this.collection = collection.withDocumentClass(BsonDocument.class);
        this.documentOf = Objects.requireNonNull(documentOf);
    }

    /** Applies {@code update} to the document with {@code id}, creating it when there is none. */
    public void upsert(Object id, Bson update) {
        Batch batch = currentBatch();
        if (batch == null) {
            collection.updateOne(Filters.eq("_id", id), update, UPSERT);
        } else {
            batch.upsert(id, update);
        }
    }

    /**
     * Applies {@code update} together with the fields {@code derive} computes from the document as {@code update}
     * leaves it (counts kept beside what they count), in one upsert; {@code derive} must set other fields than
     * {@code update} does, and must neither change nor keep the document it is given.
     */
    public void upsert(Object id, Bson update, Function<BsonDocument, Bson> derive) {
        Batch batch = currentBatch();
        if (batch != null) {
            // the batch's copy as the update leaves it, not a copy of it: an alliance with a hundred partners was
            // copied whole for each of its partner events; the two upserts are merged into one write where they can be
            batch.upsert(id, update);
            batch.upsert(id, derive.apply(batch.current(id)));
            return;
        }
        BsonDocument before = find(id);
        BsonDocument after = apply(before, idOf(id), operatorsOf(update));
        upsert(id, Updates.combine(update, derive.apply(after)));
    }

    /**
     * Replaces the whole document with {@code id} by {@code document} (its {@code _id}, if it has one, must be
     * {@code id}), creating it when there is none: MongoDB's replaceOne with upsert, kept in the batch in order with
     * the other writes.
     */
    public void replace(Object id, Bson document) {
        Batch batch = currentBatch();
        if (batch == null) {
            collection.replaceOne(Filters.eq("_id", id), replacementOf(id, document), REPLACE_UPSERT);
        } else {
            batch.replace(id, document);
        }
    }

    /** The document with {@code id} as the events handled so far left it; null when there is none. */
    public BsonDocument find(Object id) {
        Batch batch = currentBatch();
        return batch == null ? collection.find(Filters.eq("_id", id)).first() : batch.find(id);
    }

    /**
     * What {@code reader} makes of the document with {@code id} as the events handled so far left it (null when there
     * is none), without the copy {@link #find} hands out: {@code reader} must neither change nor keep the document.
     */
    public <T> T read(Object id, Function<BsonDocument, T> reader) {
        Batch batch = currentBatch();
        return reader.apply(batch == null ? collection.find(Filters.eq("_id", id)).first() : batch.current(id));
    }

    private BsonDocument operatorsOf(Bson update) {
        return update.toBsonDocument(BsonDocument.class, collection.getCodecRegistry());
    }

    /** {@code id} as MongoDB stores it in {@code _id}, the key of the batch's copies. */
    private BsonValue idOf(Object id) {
        if (id instanceof String text) {
            return new BsonString(text); // what the codec makes of it, without encoding a filter per call
        }
        return Filters.eq("_id", id).toBsonDocument(BsonDocument.class, collection.getCodecRegistry()).get("_id");
    }

    private Batch currentBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Map<BatchedCollection, Batch> batches = unitOfWork.root().getResource(BatchFlushInterceptor.BATCHES);
        return batches == null ? null : batches.computeIfAbsent(this,
                collection -> newBatch(BatchFlushInterceptor.inReplayWindow(unitOfWork)));
    }

    private Batch newBatch(boolean writesWholeDocuments) {
        Batch batch = new Batch(writesWholeDocuments);
        batch.loadAhead();
        return batch;
    }

    /** The upserts of one processor batch not yet written, and the documents read in it. */
    final class Batch {

        /** Per document, in the order first written, its writes not yet sent: merged upserts and replacements. */
        private final Map<BsonValue, List<PendingWrite>> pending = new LinkedHashMap<>();
        /** Per id the upserts not yet written, to bring a document read later in the batch up to date. */
        private final Map<BsonValue, List<BsonDocument>> pendingById = new HashMap<>();
        /** Documents read in this batch, kept current; a null value: read and absent. */
        private final Map<BsonValue, BsonDocument> known = new LinkedHashMap<>();
        /**
         * In a replay window: a document changed is written whole, as it is kept current here, instead of as its
         * merged upserts. Those held a second copy of every field written (a new alliance's upsert is the whole
         * document) and an index of its paths, for each of a window's 1,500 documents (the query service's live heap
         * in a million-event catch-up: 97 MB with them, 74 MB without). Only here, where the processor runs one
         * segment and so no other writer changes a document the window holds; batches of several segments keep
         * writing field by field, so that writes of two segments to one document both stand.
         */
        private final boolean writesWholeDocuments;

        Batch(boolean writesWholeDocuments) {
            this.writesWholeDocuments = writesWholeDocuments;
        }

        void upsert(Object id, Bson update) {
            BsonValue key = idOf(id);
            BsonDocument operators = operatorsOf(update);
            if (writesWholeDocuments) {
                known.put(key, apply(current(id), key, operators));
                List<PendingWrite> writes = pending.computeIfAbsent(key, k -> new ArrayList<>(1));
                if (!(writes.size() == 1 && writes.get(0) instanceof WholeDocument)) {
                    // the whole document holds whatever the writes before it would have written
                    writes.clear();
                    writes.add(new WholeDocument(id, key));
                }
                return;
            }
            List<PendingWrite> writes = pending.computeIfAbsent(key, k -> new ArrayList<>());
            PendingWrite last = writes.isEmpty() ? null : writes.get(writes.size() - 1);
            if (last instanceof PendingReplacement replacement) {
                // a replacement followed by upserts stores what the upserts make of it: one replacement
                replacement.document = apply(replacement.document.clone(), key, operators);
            } else if (!(last instanceof PendingUpsert merged && merged.operators.add(operators))) {
                MergedUpsert own = new MergedUpsert(new BsonDocument());
                own.add(operators);
                writes.add(new PendingUpsert(id, own));
            }
            if (known.containsKey(key)) {
                known.put(key, apply(known.get(key), key, operators));
            } else {
                pendingById.computeIfAbsent(key, k -> new ArrayList<>()).add(operators);
            }
        }

        void replace(Object id, Bson document) {
            BsonDocument replacement = replacementOf(id, document);
            // a replacement decides the whole document: the stored one and earlier writes of the batch no longer matter
            BsonValue key = idOf(id);
            List<PendingWrite> writes = pending.computeIfAbsent(key, k -> new ArrayList<>());
            writes.clear();
            writes.add(new PendingReplacement(id, replacement));
            pendingById.remove(key);
            known.put(key, replaced(key, replacement));
        }

        /**
         * Reads with one find the documents the current processor batch's events address that are not known yet: when
         * the batch starts using the collection, and in a replay window ({@link ReplayWindows}) at each later
         * processor batch. A document with upserts not yet written is brought up to date with them.
         */
        void loadAhead() {
            if (documentOf == null) {
                return;
            }
            Map<BsonValue, Object> ids = new LinkedHashMap<>();
            for (Object payload : BatchEnd.payloadsOfTheBatch()) {
                Object id;
                try {
                    id = documentOf.apply(payload);
                } catch (RuntimeException unusable) {
                    // loading ahead only saves round trips: an event whose document cannot be named here is left to
                    // its own handling (and dead letter), not made to fail the event that uses the collection first
                    continue;
                }
                if (id != null) {
                    BsonValue key = idOf(id);
                    if (!known.containsKey(key)) {
                        ids.putIfAbsent(key, id);
                    }
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            Map<BsonValue, BsonDocument> loaded = new HashMap<>();
            for (BsonDocument document : collection.find(Filters.in("_id", ids.values()))) {
                loaded.put(document.get("_id"), document);
            }
            for (BsonValue key : ids.keySet()) {
                BsonDocument stored = loaded.get(key);
                for (BsonDocument operators : pendingById.getOrDefault(key, List.of())) {
                    stored = apply(stored, key, operators);
                }
                pendingById.remove(key);
                known.put(key, stored);
            }
        }

        /** The documents this batch holds in memory, read or with writes not yet sent. */
        int documentsHeld() {
            return known.size() + pendingById.size();
        }

        BsonDocument find(Object id) {
            BsonDocument document = current(id);
            return document == null ? null : document.clone();
        }

        /** The batch's own copy, brought up to date: not to be changed or handed out. */
        BsonDocument current(Object id) {
            BsonValue key = idOf(id);
            if (!known.containsKey(key)) {
                BsonDocument stored = collection.find(Filters.eq("_id", id)).first();
                for (BsonDocument operators : pendingById.getOrDefault(key, List.of())) {
                    stored = apply(stored, key, operators);
                }
                pendingById.remove(key);
                known.put(key, stored);
            }
            return known.get(key);
        }

        /**
         * Writes the kept writes in order, at most {@link #WRITES_PER_BULK} per bulk write: a replay window's
         * thousand documents in one bulk write were encoded by the driver and decoded by the stand-in all at once,
         * and the heap that took ran the query service into full collections. A failure part way leaves the earlier
         * parts written, as a crash between two batches does; the token stays behind them.
         */
        void flush() {
            if (!pending.isEmpty()) {
                List<WriteModel<BsonDocument>> writes = new ArrayList<>();
                for (List<PendingWrite> ofOneDocument : pending.values()) {
                    for (PendingWrite write : ofOneDocument) {
                        writes.add(write.model(known));
                        if (writes.size() == WRITES_PER_BULK) {
                            collection.bulkWrite(writes, new BulkWriteOptions().ordered(true));
                            writes = new ArrayList<>();
                        }
                    }
                }
                if (!writes.isEmpty()) {
                    collection.bulkWrite(writes, new BulkWriteOptions().ordered(true));
                }
                pending.clear();
                pendingById.clear();
            }
        }

    }

    /** A write of the batch not yet sent. */
    private sealed interface PendingWrite permits PendingUpsert, PendingReplacement, WholeDocument {

        /** The write, given the documents the batch keeps current. */
        WriteModel<BsonDocument> model(Map<BsonValue, BsonDocument> known);
    }

    /** The document as the batch keeps it, written whole when the batch (a replay window) is written. */
    private record WholeDocument(Object id, BsonValue key) implements PendingWrite {

        @Override
        public WriteModel<BsonDocument> model(Map<BsonValue, BsonDocument> known) {
            return new ReplaceOneModel<>(Filters.eq("_id", id), known.get(key), REPLACE_UPSERT);
        }
    }

    /** One or more upserts of a document, merged. */
    private record PendingUpsert(Object id, MergedUpsert operators) implements PendingWrite {

        @Override
        public WriteModel<BsonDocument> model(Map<BsonValue, BsonDocument> known) {
            return new UpdateOneModel<>(Filters.eq("_id", id), operators.operators, UPSERT);
        }
    }

    /** A replacement of a document, with the upserts that followed it applied. */
    private static final class PendingReplacement implements PendingWrite {

        private final Object id;
        private BsonDocument document;

        PendingReplacement(Object id, BsonDocument document) {
            this.id = id;
            this.document = document;
        }

        @Override
        public WriteModel<BsonDocument> model(Map<BsonValue, BsonDocument> known) {
            return new ReplaceOneModel<>(Filters.eq("_id", id), document, REPLACE_UPSERT);
        }
    }

    /**
     * Adds the upsert {@code operators} to the upsert {@code merged} of the same document when MongoDB gives the same
     * from the one update as from the two one after the other, and says whether it did ({@code merged} unchanged
     * when not). So it does when every path of {@code operators} is unrelated to every path of {@code merged} (neither
     * equal nor one inside the other), or equal to one only as a {@code $set} or {@code $unset} after a {@code $set}
     * or {@code $unset}: the later one decides the field. Not merged: a path within another path (MongoDB refuses
     * the conflict), array operators on a path already written (their result depends on the array in between), and an
     * {@code $unset} of a dotted path after its {@code $set} (the set created the parents, the unset alone would not).
     */
    static boolean merge(BsonDocument merged, BsonDocument operators) {
        return new MergedUpsert(merged).add(operators);
    }

    /**
     * Upserts of one document merged into one ({@link #merge}), with the paths they write indexed, so that adding an
     * upsert looks up its own paths instead of comparing them with every path merged so far: in a replay window an
     * alliance's upsert holds a path per partner.
     */
    static final class MergedUpsert {

        final BsonDocument operators;
        /** Per path written, the operator writing it: a path is written by one operator only. */
        private final Map<String, String> operatorOfPath = new HashMap<>();
        /** Every path that lies above a written path ({@code a} and {@code a.b} for {@code a.b.c}). */
        private final Set<String> parents = new HashSet<>();

        /** Indexes {@code operators}, which it goes on changing. */
        MergedUpsert(BsonDocument operators) {
            this.operators = operators;
            for (Map.Entry<String, BsonValue> operator : operators.entrySet()) {
                for (String path : operator.getValue().asDocument().keySet()) {
                    indexed(operator.getKey(), path);
                }
            }
        }

        /** Merges {@code update} in when MongoDB gives the same as from the two one after the other ({@link #merge}). */
        boolean add(BsonDocument update) {
            for (Map.Entry<String, BsonValue> operator : update.entrySet()) {
                boolean replacesField = SET.equals(operator.getKey()) || UNSET.equals(operator.getKey());
                for (String path : operator.getValue().asDocument().keySet()) {
                    String earlier = operatorOfPath.get(path);
                    if (earlier != null) {
                        boolean earlierReplacesField = SET.equals(earlier) || UNSET.equals(earlier);
                        if (!replacesField || !earlierReplacesField
                                || (UNSET.equals(operator.getKey()) && SET.equals(earlier) && path.indexOf('.') >= 0)) {
                            return false;
                        }
                    }
                    if (parents.contains(path)) {
                        return false; // a path written before lies within this one
                    }
                    for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
                        if (operatorOfPath.containsKey(path.substring(0, dot))) {
                            return false; // this path lies within one written before
                        }
                    }
                }
            }
            for (Map.Entry<String, BsonValue> operator : update.entrySet()) {
                for (Map.Entry<String, BsonValue> field : operator.getValue().asDocument().entrySet()) {
                    String earlier = operatorOfPath.get(field.getKey());
                    if (earlier != null) {
                        // the later $set or $unset decides the field
                        BsonDocument fields = operators.getDocument(earlier);
                        fields.remove(field.getKey());
                        if (fields.isEmpty()) {
                            operators.remove(earlier);
                        }
                    }
                    BsonValue fields = operators.get(operator.getKey());
                    if (fields == null) {
                        fields = new BsonDocument();
                        operators.put(operator.getKey(), fields);
                    }
                    fields.asDocument().put(field.getKey(), copyOf(field.getValue()));
                    indexed(operator.getKey(), field.getKey());
                }
            }
            return true;
        }

        private void indexed(String operator, String path) {
            operatorOfPath.put(path, operator);
            for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
                parents.add(path.substring(0, dot));
            }
        }
    }

    /**
     * {@code document} as a replacement of the document with {@code id}. One naming another {@code _id} is refused
     * here, in and outside a batch alike, where MongoDB would refuse it only when the batch is written.
     */
    private BsonDocument replacementOf(Object id, Bson document) {
        BsonDocument replacement = document.toBsonDocument(BsonDocument.class, collection.getCodecRegistry());
        BsonValue own = replacement.get("_id");
        BsonValue key = idOf(id);
        if (own != null && !own.equals(key)) {
            throw new IllegalArgumentException("replacement of " + key + " names another _id: " + own);
        }
        return replacement;
    }

    /** What MongoDB's replace-upsert by {@code replacement} stores: its fields, with the id kept and first. */
    static BsonDocument replaced(BsonValue id, BsonDocument replacement) {
        BsonDocument result = new BsonDocument("_id", id);
        for (Map.Entry<String, BsonValue> field : replacement.entrySet()) {
            if (!field.getKey().equals("_id")) {
                result.put(field.getKey(), copyOf(field.getValue()));
            }
        }
        return result;
    }

    /** What MongoDB's upsert of {@code operators} makes of {@code document} (null: none yet, created with its id). */
    static BsonDocument apply(BsonDocument document, BsonValue id, BsonDocument operators) {
        BsonDocument result = document == null ? new BsonDocument("_id", id) : document;
        for (Map.Entry<String, BsonValue> operator : operators.entrySet()) {
            BsonDocument fields = operator.getValue().asDocument();
            for (Map.Entry<String, BsonValue> field : fields.entrySet()) {
                String path = field.getKey();
                BsonValue value = field.getValue();
                switch (operator.getKey()) {
                    case "$set" -> parentOf(result, path, true).put(leafOf(path), copyOf(value));
                    case "$unset" -> {
                        BsonDocument parent = parentOf(result, path, false);
                        if (parent != null) {
                            parent.remove(leafOf(path));
                        }
                    }
                    case "$addToSet" -> {
                        if (value.isDocument()) {
                            throw new UnsupportedOperationException("$addToSet with modifiers on " + path);
                        }
                        BsonArray array = arrayAt(result, path);
                        if (!array.contains(value)) {
                            array.add(copyOf(value));
                        }
                    }
                    case "$pull" -> {
                        if (value.isDocument()) {
                            throw new UnsupportedOperationException("$pull with a condition on " + path);
                        }
                        BsonDocument parent = parentOf(result, path, false);
                        BsonValue current = parent == null ? null : parent.get(leafOf(path));
                        if (current != null && current.isArray()) {
                            current.asArray().removeIf(value::equals);
                        }
                    }
                    default -> throw new UnsupportedOperationException("update operator " + operator.getKey());
                }
            }
        }
        return result;
    }

    /** Documents and arrays are mutable: the copy in memory must not share them with the update. */
    private static BsonValue copyOf(BsonValue value) {
        return value.isDocument() ? value.asDocument().clone() : value.isArray() ? value.asArray().clone() : value;
    }

    private static BsonArray arrayAt(BsonDocument document, String path) {
        BsonDocument parent = parentOf(document, path, true);
        BsonValue current = parent.get(leafOf(path));
        if (current == null) {
            BsonArray created = new BsonArray();
            parent.put(leafOf(path), created);
            return created;
        }
        if (!current.isArray()) {
            throw new IllegalStateException(path + " is not an array");
        }
        return current.asArray();
    }

    /** The document holding the last part of a dotted path; created on the way when {@code create}, else null. */
    private static BsonDocument parentOf(BsonDocument document, String path, boolean create) {
        String[] parts = path.split("\\.");
        BsonDocument current = document;
        for (int i = 0; i < parts.length - 1; i++) {
            BsonValue next = current.get(parts[i]);
            if (next == null) {
                if (!create) {
                    return null;
                }
                next = new BsonDocument();
                current.put(parts[i], next);
            } else if (!next.isDocument()) {
                throw new IllegalStateException(path + " goes through a value that is not a document");
            }
            current = next.asDocument();
        }
        return current;
    }

    private static String leafOf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}

package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** For tests of other modules that plant a defect in a stand-in file: a unique index's map, as the backend opens it. */
public final class StandInIndexes {

    private StandInIndexes() {
    }

    /**
     * @param collection the collection's full name, {@code database.collection}
     * @param index      the index's name, such as {@code _id_}
     */
    public static MVMap<KeyValue, Object> uniqueIndex(MVStore file, String collection, String index) {
        return file.openMap(collection + IndexKeys.MAP_INFIX + index,
                new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeys()));
    }
}

package io.vivreal.core.store;

import com.mongodb.client.model.IndexOptions;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;

/** One index a module needs: the collection, its keys and options. */
public record IndexSpec(String collection, Bson keys, IndexOptions options) {

    public static IndexSpec of(String collection, Bson keys) {
        return new IndexSpec(collection, keys, new IndexOptions());
    }

    /**
     * A TTL index: MongoDB removes a record once the date in {@code field} has passed (the
     * embedded store does not; {@link Expiring} sweeps there).
     */
    public static IndexSpec expiring(String collection, String field) {
        return new IndexSpec(collection, new Document(field, 1), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    public static IndexSpec unique(String collection, Bson keys) {
        return new IndexSpec(collection, keys, new IndexOptions().unique(true));
    }
}

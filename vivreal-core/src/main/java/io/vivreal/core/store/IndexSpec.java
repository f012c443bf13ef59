package io.vivreal.core.store;

import com.mongodb.client.model.IndexOptions;
import org.bson.conversions.Bson;

/** One index a module needs: the collection, its keys and options. */
public record IndexSpec(String collection, Bson keys, IndexOptions options) {

    public static IndexSpec of(String collection, Bson keys) {
        return new IndexSpec(collection, keys, new IndexOptions());
    }

    public static IndexSpec unique(String collection, Bson keys) {
        return new IndexSpec(collection, keys, new IndexOptions().unique(true));
    }
}

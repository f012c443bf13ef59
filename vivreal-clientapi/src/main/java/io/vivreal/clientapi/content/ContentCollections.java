package io.vivreal.clientapi.content;

import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.util.List;
import org.bson.Document;

/** Names and indexes of the tenant collections the Client API reads. */
public final class ContentCollections implements IndexDefinitions {

    public static final String CONTENT_TYPES = "contentTypes";
    public static final String ITEMS = "collectionObjects";

    @Override
    public List<IndexSpec> tenant() {
        return List.of(
                IndexSpec.of(CONTENT_TYPES, new Document("groupID", 1).append("name", 1)),
                IndexSpec.of(
                        ITEMS,
                        new Document("groupID", 1).append("collectionId", 1).append("publishDate", -1)),
                IndexSpec.of(
                        ITEMS,
                        new Document("groupID", 1).append("collectionId", 1).append("createdAt", -1)));
    }
}

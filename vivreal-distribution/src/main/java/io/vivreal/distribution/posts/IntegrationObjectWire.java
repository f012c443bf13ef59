package io.vivreal.distribution.posts;

import io.vivreal.content.BsonJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** An integration object in the Management API's shape: the Client API's fields plus its channel and delivery. */
final class IntegrationObjectWire {

    private IntegrationObjectWire() {}

    static Map<String, Object> of(String groupId, Document object) {
        Map<String, Object> wire = new LinkedHashMap<>();
        String id = object.getObjectId("_id").toHexString();
        wire.put("_id", id);
        wire.put("groupID", groupId);
        wire.put("channelId", object.getString("channelId"));
        wire.put("platform", object.getString("platform"));
        wire.put("status", object.getString("status"));
        wire.put("publishDate", BsonJson.date(object.getDate("publishDate")));
        wire.put("externalPostId", object.getString("externalPostId"));
        wire.put("permalink", object.getString("permalink"));
        wire.put("accountId", object.getString("accountId"));
        wire.put("accountHandle", object.getString("accountHandle"));
        wire.put("errorMessage", object.getString("errorMessage"));
        wire.put("sourceRef", BsonJson.value(object.get("sourceRef")));
        wire.put("usingVariant", object.getBoolean("usingVariant", false));
        @SuppressWarnings("unchecked")
        Map<String, Object> value =
                new LinkedHashMap<>((Map<String, Object>) BsonJson.value(object.get("objectValue", new Document())));
        value.put("_id", id);
        wire.put("objectValue", value);
        wire.put("deliveryId", object.getString("deliveryId"));
        wire.put("createdAt", BsonJson.date(object.getDate("createdAt")));
        wire.put("updatedAt", BsonJson.date(object.getDate("updatedAt")));
        return wire;
    }
}

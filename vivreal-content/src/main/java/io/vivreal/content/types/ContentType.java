package io.vivreal.content.types;

import io.vivreal.content.BsonJson;
import io.vivreal.content.schema.FieldSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A content type ("collection group"): a named schema of typed fields. */
public record ContentType(
        String id,
        String groupID,
        String name,
        List<FieldSpec> fields,
        boolean acceptsSubmissions,
        Instant createdAt,
        Instant updatedAt) {

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("_id", id);
        wire.put("groupID", groupID);
        wire.put("name", name);
        wire.put("fields", fields.stream().map(FieldSpec::toWire).toList());
        wire.put("acceptsSubmissions", acceptsSubmissions);
        wire.put("createdAt", BsonJson.date(createdAt));
        wire.put("updatedAt", BsonJson.date(updatedAt));
        return wire;
    }
}

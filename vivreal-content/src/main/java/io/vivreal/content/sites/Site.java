package io.vivreal.content.sites;

import io.vivreal.content.schema.FieldSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;

/** A stored site: its id, what its team wrote, and when. */
public record Site(String id, String groupID, SiteContent content, Instant createdAt, Instant updatedAt) {

    /** The Management API's shape: the stored form, dates as instants. */
    public Map<String, Object> toWire() {
        Map<String, Object> siteDetails = new LinkedHashMap<>();
        siteDetails.put(
                "schema", content.schema().stream().map(FieldSpec::toWire).toList());
        siteDetails.put("values", plain(content.values()));
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("_id", id);
        wire.put("name", content.name());
        wire.put("domainName", content.domainName());
        wire.put("domainInformation", plain(content.domainInformation()));
        wire.put("siteDetails", siteDetails);
        wire.put("businessInfo", plain(content.businessInfo()));
        wire.put("socialLinks", plain(content.socialLinks()));
        wire.put("pages", plain(content.pages()));
        wire.put("homeSections", plain(content.homeSections()));
        wire.put("navigation", plain(content.navigationValue()));
        content.parts().forEach((part, value) -> {
            if (!part.equals("navigation")) {
                wire.put(part, plain(value));
            }
        });
        wire.put("createdAt", createdAt);
        wire.put("updatedAt", updatedAt);
        return wire;
    }

    /** A summary for lists. */
    public Map<String, Object> toSummary() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("_id", id);
        wire.put("name", content.name());
        wire.put("domainName", content.domainName());
        wire.put("createdAt", createdAt);
        wire.put("updatedAt", updatedAt);
        return wire;
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof ObjectId objectId) {
            return objectId.toHexString();
        }
        return value;
    }
}

package io.vivreal.clientapi.sites;

import io.vivreal.content.BsonJson;
import io.vivreal.content.media.MediaKeys;
import io.vivreal.content.media.MediaUrls;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.FieldType;
import io.vivreal.content.sites.Site;
import io.vivreal.content.sites.SiteContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A site as the Client API contract shows it: stored values in wire form (dates ISO 8601 UTC with
 * milliseconds), and every media value of {@code siteDetails.values} — a media field, or a list of
 * them — given {@code currentFile.source}, a signed, expiring URL in the tenant's own bucket.
 */
final class SiteDetailsView {

    private SiteDetailsView() {}

    static Map<String, Object> of(Site site, String bucketName, MediaUrls urls) {
        SiteContent content = site.content();
        Map<String, Object> siteDetails = new LinkedHashMap<>();
        siteDetails.put(
                "schema", content.schema().stream().map(FieldSpec::toWire).toList());
        siteDetails.put("values", values(content, bucketName, urls));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("_id", site.id());
        data.put("name", content.name());
        data.put("domainName", content.domainName());
        data.put("domainInformation", BsonJson.value(content.domainInformation()));
        data.put("siteDetails", siteDetails);
        data.put("businessInfo", BsonJson.value(content.businessInfo()));
        data.put("socialLinks", BsonJson.value(content.socialLinks()));
        data.put("pages", BsonJson.value(content.pages()));
        data.put("homeSections", BsonJson.value(content.homeSections()));
        data.put("navigation", BsonJson.value(content.navigation()));
        return data;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(SiteContent content, String bucketName, MediaUrls urls) {
        Map<String, Object> values = (Map<String, Object>) BsonJson.value(content.values());
        for (FieldSpec field : content.schema()) {
            Object value = values.get(field.name());
            if (field.type().isMedia()) {
                values.put(field.name(), withSource(value, bucketName, urls));
            } else if (field.type() == FieldType.LIST
                    && field.items() != null
                    && field.items().type().isMedia()
                    && value instanceof List<?> list) {
                List<Object> items = new ArrayList<>(list.size());
                list.forEach(item -> items.add(withSource(item, bucketName, urls)));
                values.put(field.name(), items);
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Object withSource(Object value, String bucketName, MediaUrls urls) {
        if (!(value instanceof Map<?, ?> media) || !(media.get("key") instanceof String key) || !MediaKeys.isKey(key)) {
            return value;
        }
        Map<String, Object> decorated = new LinkedHashMap<>((Map<String, Object>) media);
        decorated.put("currentFile", urls.currentFile(bucketName, key));
        return decorated;
    }
}

package io.vivreal.clientapi.sites;

import io.vivreal.content.BsonJson;
import io.vivreal.content.media.MediaSigner;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.sites.Site;
import io.vivreal.content.sites.SiteContent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A site as the Client API contract shows it: stored values in wire form (dates ISO 8601 UTC with
 * milliseconds), the free-form parts real templates use, and every media descriptor anywhere in it
 * — a schema's media field, a {@code hero} image, a {@code blocks[].config} gallery — given {@code
 * currentFile.source}, a signed, expiring URL, when it names a file of this group ({@link
 * MediaSigner}).
 */
final class SiteDetailsView {

    private SiteDetailsView() {}

    static Map<String, Object> of(Site site, String groupId, String bucketName, MediaSigner signer) {
        SiteContent content = site.content();
        Map<String, Object> siteDetails = new LinkedHashMap<>();
        siteDetails.put(
                "schema", content.schema().stream().map(FieldSpec::toWire).toList());
        siteDetails.put("values", BsonJson.value(content.values()));
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
        data.put("navigation", BsonJson.value(content.navigationValue()));
        content.parts().forEach((part, value) -> {
            if (!part.equals("navigation")) {
                data.put(part, BsonJson.value(value));
            }
        });
        signer.sign(groupId, bucketName, data);
        return data;
    }
}

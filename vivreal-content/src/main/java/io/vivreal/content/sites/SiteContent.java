package io.vivreal.content.sites;

import io.vivreal.content.schema.FieldSpec;
import java.util.List;
import org.bson.Document;

/**
 * Everything about a site its team writes, validated: free-form parts are already in their stored
 * form, and {@code values} has been checked against {@code schema}.
 *
 * @param domainName a DNS name, or null
 * @param schema the fields of {@code siteDetails}
 * @param values {@code siteDetails.values} in stored form (media as {@code {key, name, type, size}})
 */
public record SiteContent(
        String name,
        String domainName,
        Document domainInformation,
        List<FieldSpec> schema,
        Document values,
        Document businessInfo,
        List<Document> socialLinks,
        List<Object> pages,
        List<Object> homeSections,
        List<Document> navigation) {

    public SiteContent {
        schema = List.copyOf(schema);
        socialLinks = List.copyOf(socialLinks);
        navigation = List.copyOf(navigation);
    }
}

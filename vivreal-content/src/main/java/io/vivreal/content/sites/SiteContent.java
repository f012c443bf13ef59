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
 * @param navigation the checked list form of {@code navigation} (empty when {@code parts} holds an
 *     object form)
 * @param parts the free-form parts real sites use ({@code aboutSection}, {@code hero}, {@code cta},
 *     {@code footer}, {@code emailPopup}, {@code blocks}, and {@code navigation} given as an object),
 *     stored as given within {@link FreeForm}'s bounds; only those given are present
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
        List<Document> navigation,
        Document parts) {

    public SiteContent {
        schema = List.copyOf(schema);
        socialLinks = List.copyOf(socialLinks);
        navigation = List.copyOf(navigation);
        parts = parts == null ? new Document() : parts;
    }

    /** {@code navigation} as stored: the object form when one was given, else the checked list. */
    public Object navigationValue() {
        Object object = parts.get("navigation");
        return object != null ? object : navigation;
    }
}

package io.vivreal.distribution.channels;

import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.domain.DisplayNames;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.tenancy.TenantScope;
import org.bson.Document;

/**
 * The checks a newsletter channel's settings need beyond their shape: the subscribers' content type
 * must be one of this group's and accept submissions (where sign-ups arrive), the sender name is
 * a clean display name (it ends up in the {@code From} header), and the item link template is an
 * http(s) URL.
 */
final class NewsletterSettings {

    private NewsletterSettings() {}

    static void check(ChannelType type, TenantScope scope, ContentTypeRepository types, Document stored) {
        if (type != ChannelType.NEWSLETTER) {
            return;
        }
        String typeId = stored.getString("subscribersTypeId");
        boolean accepts =
                types.find(scope, typeId).map(ContentType::acceptsSubmissions).orElse(false);
        if (!accepts) {
            throw DomainException.invalid(
                    "settings.subscribersTypeId",
                    "settings.subscribersTypeId must be one of this group's content types that accepts submissions");
        }
        String fromName = stored.getString("fromName");
        if (fromName != null) {
            String clean = DisplayNames.clean(fromName, "settings.fromName", 100);
            if (clean.contains("@") || clean.contains("<") || clean.contains(">") || clean.contains("\"")) {
                throw DomainException.invalid("settings.fromName", "settings.fromName must be a name, not an address");
            }
            stored.put("fromName", clean);
        }
        String itemUrl = stored.getString("itemUrl");
        if (itemUrl != null
                && (!(itemUrl.startsWith("https://") || itemUrl.startsWith("http://"))
                        || itemUrl.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == '"' || c > 126))) {
            throw DomainException.invalid(
                    "settings.itemUrl",
                    "settings.itemUrl must be an http(s) URL such as https://example.com/posts/{slug}");
        }
    }
}

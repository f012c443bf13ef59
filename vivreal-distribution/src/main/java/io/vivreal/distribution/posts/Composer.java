package io.vivreal.distribution.posts;

import static com.mongodb.client.model.Filters.eq;

import io.vivreal.content.items.ContentItem;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.media.MediaStorage;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.FieldType;
import io.vivreal.content.sites.Site;
import io.vivreal.content.sites.SiteRepository;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.ChannelAdapter;
import io.vivreal.distribution.adapters.ChannelAdapters;
import io.vivreal.distribution.adapters.MediaRules;
import io.vivreal.distribution.adapters.PostImage;
import io.vivreal.distribution.adapters.TextCount;
import io.vivreal.distribution.channels.AutoPost;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Composes a post for each of its channels: the text from the channel's own text or template
 * with its placeholders filled in, the images of the item's image fields with their alt text,
 * the text counted the platform's way ({@link ChannelAdapter#count}) and the images checked
 * against the platform's rules ({@link MediaRules#refusal}). The text composed here is stored and
 * sent as it is, so the preview is exactly what the platform receives.
 *
 * <p>Placeholders: {@code {title}} (the item's {@code title}, else its first text), {@code {url}}
 * (the item's public address, see {@link #url}) and {@code {objectValue.<field>}} (a text, number,
 * boolean or option field of the item's type). Anything else in braces that looks like a
 * placeholder is refused with a 400 naming it, so a typo never reaches the network.
 */
final class Composer {

    static final String DEFAULT_TEMPLATE = "{title} {url}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_.-]{0,99})}");
    private static final int MAX_TITLE = 300;

    private final ChannelService channels;
    private final ChannelAdapters adapters;
    private final OutboundHttp http;
    private final ItemRepository items;
    private final ContentTypeRepository types;
    private final SiteRepository sites;
    private final MediaStorage storage;
    private final Supplier<String> publicUrl;

    Composer(
            ChannelService channels,
            ChannelAdapters adapters,
            OutboundHttp http,
            ItemRepository items,
            ContentTypeRepository types,
            SiteRepository sites,
            MediaStorage storage,
            Supplier<String> publicUrl) {
        this.channels = channels;
        this.adapters = adapters;
        this.http = http;
        this.items = items;
        this.types = types;
        this.sites = sites;
        this.storage = storage;
        this.publicUrl = publicUrl;
    }

    /** The item a post is about, with its type. */
    record Source(ContentItem item, ContentType type) {}

    /** One channel's composed post. */
    record Composed(
            String channelId,
            ChannelTarget target,
            ChannelAdapter adapter,
            String text,
            TextCount count,
            List<Document> images,
            Optional<String> refusal) {

        boolean ok() {
            return count.ok() && refusal.isEmpty();
        }
    }

    /** The group's channels that take posts, as the Management API shows them (secrets masked). */
    List<Map<String, Object>> channelList(TenantScope scope) {
        return channels.list(scope).stream()
                .filter(channel -> postable(ChannelType.parse(channel.get("type"))))
                .toList();
    }

    /** Every channel type takes posts except the newsletter, which mails whole items to subscribers. */
    static boolean postable(ChannelType type) {
        return type != ChannelType.NEWSLETTER;
    }

    /** Looks the item up in the group's own scope: another group's item is not found (404). */
    Optional<Source> source(TenantScope scope, String itemId) {
        if (itemId == null) {
            return Optional.empty();
        }
        if (itemId.length() != 24 || !ObjectId.isValid(itemId)) {
            throw DomainException.notFound("item");
        }
        Document found = null;
        for (Document document :
                items.find(scope, eq("_id", new ObjectId(itemId))).limit(1)) {
            found = document;
        }
        if (found == null) {
            throw DomainException.notFound("item");
        }
        ContentItem item = ItemRepository.toItem(found);
        ContentType type = types.find(scope, item.collectionId()).orElseThrow(() -> DomainException.notFound("item"));
        return Optional.of(new Source(item, type));
    }

    /** Composes every channel; a channel not of this group is a 404, a bad placeholder a 400. */
    List<Composed> compose(Group group, PostRequest request, Optional<Source> source) {
        TenantScope scope = group.scope();
        List<ChannelTarget> targets = new ArrayList<>();
        for (PostRequest.ChannelText channel : request.channels()) {
            targets.add(
                    channels.target(scope, channel.channelId()).orElseThrow(() -> DomainException.notFound("channel")));
        }
        List<Composed> composed = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ChannelTarget target = targets.get(i);
            ChannelAdapter adapter = adapters.of(target.type());
            String field = "channels[" + i + "].text";
            String template = request.channels().get(i).text();
            if (template == null) {
                if (source.isEmpty()) {
                    throw DomainException.invalid(field, field + " is required for a post without an item");
                }
                template = channels.autoPost(scope, target.id())
                        .map(AutoPost::template)
                        .orElse(null);
                if (template == null) {
                    template = DEFAULT_TEMPLATE;
                }
            }
            String text = fill(scope, template, source, field);
            if (text.isBlank()) {
                throw DomainException.invalid(field, field + ": the composed text is empty");
            }
            List<Document> images = images(source, adapter.mediaRules());
            Optional<String> refusal = adapter.mediaRules().refusal(postImages(group.bucketName(), images));
            composed.add(new Composed(
                    target.id(), target, adapter, text, adapter.count(target, text, http), images, refusal));
        }
        return composed;
    }

    /** Fills a template's placeholders from the item. */
    String fill(TenantScope scope, String template, Optional<Source> source, String field) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            matcher.appendReplacement(text, Matcher.quoteReplacement(value(scope, name, source, field)));
        }
        matcher.appendTail(text);
        return text.toString();
    }

    private String value(TenantScope scope, String name, Optional<Source> source, String field) {
        boolean known = name.equals("title") || name.equals("url") || name.startsWith("objectValue.");
        if (!known) {
            throw DomainException.invalid(
                    field, "unknown placeholder {" + name + "}; use {title}, {url} or {objectValue.<field>}");
        }
        if (source.isEmpty()) {
            throw DomainException.invalid(field, "the placeholder {" + name + "} needs an item; give itemId");
        }
        ContentItem item = source.get().item();
        if (name.equals("title")) {
            return title(item);
        }
        if (name.equals("url")) {
            return url(scope, source.get());
        }
        String fieldName = name.substring("objectValue.".length());
        FieldSpec spec = source.get()
                .type()
                .field(fieldName)
                .orElseThrow(() -> DomainException.invalid(
                        field,
                        "unknown placeholder {" + name + "}: "
                                + source.get().type().name() + " has no field '" + fieldName + "'"));
        Object value = item.objectValue().get(fieldName);
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String || v instanceof Number)) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        throw DomainException.invalid(
                field,
                "the placeholder {" + name + "} is a " + spec.type().name().toLowerCase(Locale.ROOT)
                        + " field and cannot be placed in text");
    }

    /** The item's {@code title} field, else its first text value; one line, shortened. */
    static String title(ContentItem item) {
        Object title = item.objectValue().get("title");
        String text = title instanceof String t && !t.isBlank() ? t : null;
        if (text == null) {
            for (Object value : item.objectValue().values()) {
                if (value instanceof String t && !t.isBlank()) {
                    text = t;
                    break;
                }
            }
        }
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > MAX_TITLE ? line.substring(0, MAX_TITLE - 1) + "\u2026" : line;
    }

    /**
     * The item's public address: {@code https://<domain>/<type>/<item id>} on the group's first
     * site with a domain, else the same path under this server's public URL ({@code
     * VIVREAL_PUBLIC_URL}); {@code <type>} is the content type's name as a lower-case slug.
     */
    String url(TenantScope scope, Source source) {
        String base = null;
        for (Site site : sites.list(scope, 20, 0)) {
            String domain = site.content().domainName();
            if (domain != null && !domain.isBlank()) {
                base = "https://" + domain.strip().toLowerCase(Locale.ROOT);
                break;
            }
        }
        if (base == null) {
            base = publicUrl.get();
        }
        return base + "/" + slug(source.type().name()) + "/" + source.item().id();
    }

    static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "items" : slug;
    }

    /** The images of the item's image fields, as many as the platform takes, as stored media values. */
    static List<Document> images(Optional<Source> source, MediaRules rules) {
        List<Document> images = new ArrayList<>();
        if (source.isEmpty() || rules.maxImages() == 0) {
            return images;
        }
        for (FieldSpec field : source.get().type().fields()) {
            Object value = source.get().item().objectValue().get(field.name());
            if (field.type() == FieldType.IMAGE) {
                addImage(images, value);
            } else if (field.type() == FieldType.LIST
                    && field.items() != null
                    && field.items().type() == FieldType.IMAGE
                    && value instanceof List<?> list) {
                list.forEach(element -> addImage(images, element));
            }
        }
        return images.size() > rules.maxImages() ? List.copyOf(images.subList(0, rules.maxImages())) : images;
    }

    private static void addImage(List<Document> images, Object value) {
        if (value instanceof Map<?, ?> media && media.get("key") instanceof String key) {
            Object size = media.get("size");
            images.add(new Document("key", key)
                    .append("type", String.valueOf(media.get("type")))
                    .append("size", size instanceof Number n ? n.longValue() : 0L)
                    .append("alt", media.get("alt") instanceof String alt ? alt : null));
        }
    }

    /** The stored media values as images whose bytes are read only when the adapter uploads them. */
    List<PostImage> postImages(String bucketName, List<Document> images) {
        List<PostImage> list = new ArrayList<>();
        for (Document image : images) {
            String key = image.getString("key");
            Number size = image.get("size", Number.class);
            list.add(new PostImage(
                    key,
                    image.getString("type"),
                    size == null ? 0 : size.longValue(),
                    image.getString("alt"),
                    () -> read(bucketName, key)));
        }
        return list;
    }

    private byte[] read(String bucketName, String key) throws IOException {
        Optional<InputStream> stream = storage.open(bucketName, key);
        if (stream.isEmpty()) {
            throw new IOException("the file " + key + " is gone");
        }
        try (InputStream in = stream.get()) {
            return in.readAllBytes();
        }
    }
}

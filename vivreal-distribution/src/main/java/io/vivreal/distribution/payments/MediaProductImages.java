package io.vivreal.distribution.payments;

import io.vivreal.content.media.AllowedMediaType;
import io.vivreal.content.media.ContentSniffer;
import io.vivreal.content.media.MediaService;
import io.vivreal.content.media.StoredMedia;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.core.io.ByteArrayResource;

/**
 * Copies a product's first image into the group's media through {@link OutboundHttp} (the address
 * guard applies to the URL Stripe hands over) and {@link MediaService#upload} — so the file gets the
 * same checks as an upload: the tier's size limit and quota, the type decided from the bytes, the
 * pixel limit against decompression bombs, derivatives for {@code srcset}. Only images are kept; at
 * most {@link #MAX_BYTES} are read. Any refusal leaves the product without an image.
 */
final class MediaProductImages implements ProductImages {

    static final int MAX_BYTES = 8 * 1024 * 1024;
    static final String ACTOR = "stripe-sync";

    private final OutboundHttp http;
    private final MediaService media;
    private final GroupRepository groups;

    MediaProductImages(OutboundHttp http, MediaService media, GroupRepository groups) {
        this.http = http;
        this.media = media;
        this.groups = groups;
    }

    @Override
    public Optional<Document> copy(TenantScope scope, String productId, String imageUrl) {
        Optional<Group> group = groups.findById(scope.groupID());
        if (group.isEmpty() || imageUrl == null) {
            return Optional.empty();
        }
        OutboundResponse answer = http.send(
                OutboundRequest.get(imageUrl, "productImage", Map.of("Accept", "image/*"), List.of()), MAX_BYTES + 1);
        byte[] bytes = answer.content();
        if (!answer.succeeded() || bytes.length == 0 || bytes.length > MAX_BYTES) {
            return Optional.empty();
        }
        boolean image = ContentSniffer.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, ContentSniffer.HEAD_BYTES)))
                .map(AllowedMediaType::isImage)
                .orElse(false);
        if (!image) {
            return Optional.empty();
        }
        try {
            StoredMedia stored = media.upload(
                    group.get(), ACTOR, productId + "-image", null, bytes.length, new ByteArrayResource(bytes));
            return Optional.of(new Document("key", stored.key())
                    .append("name", stored.name())
                    .append("type", stored.type()));
        } catch (RuntimeException refused) {
            return Optional.empty();
        }
    }
}

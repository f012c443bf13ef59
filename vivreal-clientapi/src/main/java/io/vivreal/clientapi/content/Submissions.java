package io.vivreal.clientapi.content;

import io.vivreal.authorizer.Tenant;
import io.vivreal.content.items.ContentItem;
import io.vivreal.content.items.ItemInput;
import io.vivreal.content.items.ItemService;
import io.vivreal.content.subscribers.Subscriptions;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * Public form submissions ({@code POST /tenant/definedCollectionObject}): only into a content type
 * of the verified group that accepts submissions, validated like any item, stored as a draft for
 * the team to review, and limited per client address and per group per day. A type of another
 * group, or one that does not accept submissions, gets the same refusal.
 */
public final class Submissions {

    static final long PER_ADDRESS = 30;
    static final String SUBSCRIBE = "subscribeUser";
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");

    private final ContentTypeRepository types;
    private final GroupRepository groups;
    private final ItemService items;
    private final RateLimiter limiter;
    private final Subscriptions subscriptions;

    public Submissions(
            ContentTypeRepository types,
            GroupRepository groups,
            ItemService items,
            RateLimiter limiter,
            Subscriptions subscriptions) {
        this.types = types;
        this.groups = groups;
        this.items = items;
        this.limiter = limiter;
        this.subscriptions = subscriptions;
    }

    public ContentItem submit(Tenant tenant, String clientAddress, Map<String, Object> body) {
        if (body == null) {
            throw DomainException.invalid("collectionId", "collectionId is required");
        }
        for (String key : body.keySet()) {
            if (!key.equals("collectionId") && !key.equals("type") && !key.equals("objectValue")) {
                throw DomainException.invalid(key, key + ": unknown property");
            }
        }
        String collectionId =
                body.get("collectionId") instanceof String id && ObjectId.isValid(id) && id.length() == 24 ? id : null;
        if (collectionId == null) {
            throw DomainException.invalid("collectionId", "collectionId must be a 24-character hex id");
        }
        String type =
                body.get("type") instanceof String text && TYPE.matcher(text).matches() ? text : null;
        if (type == null) {
            throw DomainException.invalid("type", "type must name the form, like createReview or subscribeUser");
        }
        ContentType contentType = types.find(TenantScope.of(tenant), collectionId)
                .filter(ContentType::acceptsSubmissions)
                .orElseThrow(
                        () -> DomainException.invalid("collectionId", "this content type does not accept submissions"));
        Group group = groups.findById(tenant.groupID()).orElseThrow(() -> DomainException.notFound("group"));
        limit("submit:" + group.id() + ":" + hash(clientAddress), PER_ADDRESS, ADDRESS_WINDOW);
        limit("submit-day:" + group.id(), TierLimits.of(group.tier()).submissionsPerDay(), Duration.ofDays(1));
        Optional<String> subscriber =
                SUBSCRIBE.equals(type) ? Subscriptions.address(body.get("objectValue")) : Optional.empty();
        ItemInput input = new ItemInput(body.get("objectValue"), true, null, false, null);
        ContentItem item = items.create(group, "submission:" + type, contentType, input, "item.submitted");
        // a newsletter sign-up: pending until the address confirms (double opt-in)
        subscriber.ifPresent(email -> subscriptions.subscribe(group, contentType, email));
        return item;
    }

    private void limit(String bucket, long limit, Duration window) {
        RateLimiter.Decision decision = limiter.attempt(bucket, limit, window);
        if (!decision.allowed()) {
            throw new RateLimitedException("too many submissions; retry later", decision.retryAfter());
        }
    }

    private static String hash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }
}

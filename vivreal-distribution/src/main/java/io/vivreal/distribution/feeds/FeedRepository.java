package io.vivreal.distribution.feeds;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * The control-plane {@code feeds} collection: feed id → group, its database and content type, and
 * the owner's field choices. It lives in the control plane, like a group's API key hash, because
 * a public feed request carries nothing else: the id is looked up here (cheap shape check first),
 * and only what it names is then read, through that group's tenant scope.
 *
 * <p>A feed id is 24 bytes from {@link SecureRandom}, base64url (32 characters, 192 bits): not
 * derived from the group or type ids, so knowing those says nothing about the feed's URL.
 */
public final class FeedRepository implements IndexDefinitions {

    static final String COLLECTION = "feeds";
    private static final Pattern FEED_ID = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final MongoCollection<Document> feeds;
    private final SecureRandom random;

    public FeedRepository(ControlPlane controlPlane, SecureRandom random) {
        this.feeds = controlPlane.collection(COLLECTION);
        this.random = random;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.unique(COLLECTION, new Document("groupID", 1).append("typeId", 1)));
    }

    /** A fresh, unguessable feed id. */
    String newFeedId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isFeedId(String candidate) {
        return candidate != null && FEED_ID.matcher(candidate).matches();
    }

    /** The feed a public URL names; anything not shaped like a feed id finds nothing, with no I/O. */
    public Optional<FeedSettings> find(String feedId) {
        if (!isFeedId(feedId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(feeds.find(eq("_id", feedId)).first()).map(FeedRepository::toSettings);
    }

    public Optional<FeedSettings> forType(String groupID, String typeId) {
        return Optional.ofNullable(feeds.find(and(eq("groupID", groupID), eq("typeId", typeId)))
                        .first())
                .map(FeedRepository::toSettings);
    }

    /**
     * Stores the settings under their id. Two first saves racing for one type meet on the unique
     * {@code (groupID, typeId)} index: the loser answers false and the caller retries with the
     * winner's id, so a type never has two feed ids.
     */
    boolean save(FeedSettings settings) {
        try {
            feeds.replaceOne(eq("_id", settings.feedId()), toDocument(settings), new ReplaceOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private static Document toDocument(FeedSettings settings) {
        return new Document("_id", settings.feedId())
                .append("groupID", settings.groupID())
                .append("dbKey", settings.dbKey())
                .append("typeId", settings.typeId())
                .append("enabled", settings.enabled())
                .append("titleField", settings.titleField())
                .append("summaryField", settings.summaryField())
                .append("contentField", settings.contentField())
                .append("dateField", settings.dateField())
                .append("revision", settings.revision())
                .append("updatedAt", Date.from(settings.updatedAt()));
    }

    private static FeedSettings toSettings(Document document) {
        Number revision = document.get("revision", Number.class);
        return new FeedSettings(
                document.getString("_id"),
                document.getString("groupID"),
                document.getString("dbKey"),
                document.getString("typeId"),
                Boolean.TRUE.equals(document.getBoolean("enabled")),
                document.getString("titleField"),
                document.getString("summaryField"),
                document.getString("contentField"),
                document.getString("dateField"),
                revision == null ? 1 : revision.longValue(),
                document.getDate("updatedAt").toInstant());
    }
}

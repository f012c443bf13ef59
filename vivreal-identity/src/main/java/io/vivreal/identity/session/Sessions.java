package io.vivreal.identity.session;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * The control-plane {@code sessions} collection: a record per sign-in, removed when the session is
 * ended and swept once it has expired with its token.
 *
 * <p>Every request with one of our tokens asks {@link #isActive}; the answer is reused for {@link
 * #CHECK_TTL}, the same bound as {@code RevokedTokens}, so ending a session applies on this
 * instance at once and on the others within a second. {@code lastSeenAt} is written at most once a
 * minute per session: the update only matches a record last seen over a minute ago, and each
 * instance skips the write for a session it touched within the minute.
 */
public final class Sessions implements IndexDefinitions, Expiring {

    static final String COLLECTION = "sessions";
    static final Duration CHECK_TTL = Duration.ofSeconds(1);
    static final Duration SEEN_RESOLUTION = Duration.ofMinutes(1);
    static final int MAX_USER_AGENT = 256;
    static final int MAX_ADDRESS = 64;
    /** 128 random bits, base64url without padding. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final MongoCollection<Document> sessions;
    private final Clock clock;
    private final SecureRandom random;
    private final Cache<String, String> owners;
    private final Cache<String, Boolean> recentlySeen;

    public Sessions(ControlPlane controlPlane, Clock clock, SecureRandom random) {
        this.sessions = controlPlane.collection(COLLECTION);
        this.clock = clock;
        this.random = random;
        this.owners = Caffeine.newBuilder()
                .expireAfterWrite(CHECK_TTL)
                .maximumSize(100_000)
                .build();
        this.recentlySeen = Caffeine.newBuilder()
                .expireAfterWrite(SEEN_RESOLUTION)
                .maximumSize(100_000)
                .build();
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(
                IndexSpec.expiring(COLLECTION, "expiresAt"),
                IndexSpec.of(COLLECTION, new Document("userId", 1).append("createdAt", -1)));
    }

    /** Whether {@code id} has the shape of a session id; anything else is unknown without a lookup. */
    public static boolean wellFormed(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Records a new sign-in of {@code userId}, ending when its token does. */
    public SessionRecord start(String userId, String clientAddress, String userAgent, Duration lifetime) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        Instant now = clock.instant();
        SessionRecord session = new SessionRecord(
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                userId,
                now,
                now,
                bounded(clientAddress, MAX_ADDRESS),
                bounded(userAgent, MAX_USER_AGENT),
                now.plus(lifetime));
        sessions.insertOne(new Document("_id", session.id())
                .append("userId", userId)
                .append("createdAt", Date.from(now))
                .append("lastSeenAt", Date.from(now))
                .append("clientAddress", session.clientAddress())
                .append("userAgent", session.userAgent())
                .append("expiresAt", Date.from(session.expiresAt())));
        recentlySeen.put(session.id(), Boolean.TRUE);
        return session;
    }

    /**
     * Whether session {@code id} of {@code userId} is still open: not ended, not expired. A token
     * whose {@code sid} names another user's session is refused like an ended one.
     */
    public boolean isActive(String id, String userId) {
        if (!wellFormed(id) || userId == null) {
            return false;
        }
        String owner = owners.get(id, this::ownerOf);
        return userId.equals(owner);
    }

    /** The owner of an open session, or "" (cached as the answer "not open"). */
    private String ownerOf(String id) {
        // by _id alone, which the embedded store serves from its index; a query on more fields scans
        // every session of every user
        Document found = sessions.find(eq("_id", id)).first();
        Date expiresAt = found == null ? null : found.getDate("expiresAt");
        return expiresAt == null || !expiresAt.toInstant().isAfter(clock.instant()) ? "" : found.getString("userId");
    }

    /** Notes a request of the session; stored at most once a minute. */
    public void seen(String id) {
        if (!wellFormed(id) || recentlySeen.getIfPresent(id) != null) {
            return;
        }
        recentlySeen.put(id, Boolean.TRUE);
        Instant now = clock.instant();
        sessions.updateOne(
                and(eq("_id", id), lt("lastSeenAt", Date.from(now.minus(SEEN_RESOLUTION)))),
                Updates.set("lastSeenAt", Date.from(now)));
    }

    /** The user's open sessions, newest first. */
    public List<SessionRecord> listFor(String userId) {
        List<SessionRecord> found = new ArrayList<>();
        for (Document document : sessions.find(and(eq("userId", userId), gt("expiresAt", Date.from(clock.instant()))))
                .sort(Sorts.descending("createdAt"))
                .limit(500)) {
            found.add(toRecord(document));
        }
        return found;
    }

    /** Ends one of the user's sessions; {@code false} when the user has no such session. */
    public boolean end(String userId, String id) {
        if (!wellFormed(id)) {
            return false;
        }
        boolean ended =
                sessions.deleteOne(and(eq("_id", id), eq("userId", userId))).getDeletedCount() > 0;
        owners.invalidate(id);
        return ended;
    }

    /** Ends every session of the user except {@code keep} (null: every session); answers how many. */
    public long endAllBut(String userId, String keep) {
        List<String> ids = new ArrayList<>();
        for (Document document : sessions.find(eq("userId", userId)).projection(new Document("_id", 1))) {
            ids.add(document.getString("_id"));
        }
        long ended = sessions.deleteMany(
                        keep == null ? eq("userId", userId) : and(eq("userId", userId), ne("_id", keep)))
                .getDeletedCount();
        ids.stream().filter(id -> !id.equals(keep)).forEach(owners::invalidate);
        return ended;
    }

    @Override
    public long sweepExpired() {
        return sessions.deleteMany(lt("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }

    private static SessionRecord toRecord(Document document) {
        return new SessionRecord(
                document.getString("_id"),
                document.getString("userId"),
                document.getDate("createdAt").toInstant(),
                document.getDate("lastSeenAt").toInstant(),
                document.getString("clientAddress"),
                document.getString("userAgent"),
                document.getDate("expiresAt").toInstant());
    }

    /** Stored text is bounded and free of control characters, whatever a client sends. */
    static String bounded(String value, int max) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "").strip();
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
    }
}

package io.vivreal.core.group;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import io.vivreal.core.apikey.PreviousApiKey;
import io.vivreal.core.apikey.StoredApiKey;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The control-plane {@code groups} collection. Members and the API key live inside the group
 * document so that creating a group with its key, and every membership change, is one atomic
 * write on any MongoDB.
 */
public final class GroupRepository implements IndexDefinitions, Expiring {

    static final String COLLECTION = "groups";

    private final MongoCollection<Document> groups;
    private final Clock clock;

    public GroupRepository(ControlPlane controlPlane, Clock clock) {
        this.groups = controlPlane.collection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(
                IndexSpec.unique(COLLECTION, new Document("key", 1)),
                IndexSpec.unique(COLLECTION, new Document(StoredApiKey.HASH_PATH, 1)),
                // sparse: most groups have no previous key, and they must not collide on "none"
                new IndexSpec(
                        COLLECTION,
                        new Document(PreviousApiKey.HASH_PATH, 1),
                        new IndexOptions().unique(true).sparse(true)),
                IndexSpec.of(COLLECTION, new Document("members.userId", 1)));
    }

    void insert(Group group, StoredApiKey apiKey) {
        Document document = new Document("_id", new ObjectId(group.id()))
                .append("name", group.name())
                .append("key", group.key())
                .append("dbKey", group.dbKey())
                .append("tier", group.tier().wireName())
                .append("frozen", group.frozen())
                .append("createdAt", Date.from(group.createdAt()))
                .append("members", membersDocument(group.members()))
                .append("rev", group.revision())
                .append("apiKey", apiKey.toDocument());
        groups.insertOne(document);
    }

    public Optional<Group> findById(String groupId) {
        if (!ObjectId.isValid(groupId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(groups.find(eq("_id", new ObjectId(groupId))).first())
                .map(GroupRepository::toGroup);
    }

    /**
     * The tenant scopes (group id and the {@code dbKey} of its database) of up to {@code limit}
     * groups, in id order, starting after {@code afterGroupId} or from the first. How work that
     * must visit every tenant, such as a key rotation over a tenant collection, walks them.
     */
    public List<TenantScope> tenantScopes(Optional<String> afterGroupId, int limit) {
        Bson filter = afterGroupId.map(id -> gt("_id", new ObjectId(id))).orElse(new Document());
        List<TenantScope> scopes = new ArrayList<>();
        for (Document document : groups.find(filter)
                .projection(new Document("dbKey", 1))
                .sort(new Document("_id", 1))
                .limit(limit)) {
            scopes.add(new TenantScope(document.getObjectId("_id").toHexString(), document.getString("dbKey")));
        }
        return scopes;
    }

    public Optional<Group> findByKey(String key) {
        return Optional.ofNullable(groups.find(eq("key", key)).first()).map(GroupRepository::toGroup);
    }

    /** Groups {@code userId} owns on one of {@code tiers}: what the self-service group limit counts. */
    long countOwned(String userId, Set<Tier> tiers) {
        return groups.countDocuments(and(
                elemMatch("members", and(eq("userId", userId), eq("role", Role.OWNER.wireName()))),
                in("tier", tiers.stream().map(Tier::wireName).toList())));
    }

    /** Removes a group that was just created and never used (its creation is being undone). */
    void deleteUnused(String groupId) {
        groups.deleteOne(eq("_id", new ObjectId(groupId)));
    }

    List<Group> findForUser(String userId) {
        List<Group> found = new ArrayList<>();
        for (Document document : groups.find(eq("members.userId", userId)).sort(new Document("createdAt", 1))) {
            found.add(toGroup(document));
        }
        return found;
    }

    /** Replaces the member list only if nobody changed it since {@code expectedRevision}. */
    boolean compareAndSetMembers(String groupId, long expectedRevision, List<Member> members) {
        return groups.updateOne(
                                and(eq("_id", new ObjectId(groupId)), eq("rev", expectedRevision)),
                                Updates.combine(
                                        Updates.set("members", membersDocument(members)), Updates.inc("rev", 1L)))
                        .getModifiedCount()
                == 1;
    }

    public boolean setTier(String groupId, Tier tier) {
        return groups.updateOne(
                                eq("_id", new ObjectId(groupId)),
                                Updates.combine(Updates.set("tier", tier.wireName()), Updates.inc("rev", 1L)))
                        .getMatchedCount()
                == 1;
    }

    public boolean setFrozen(String groupId, boolean frozen) {
        return groups.updateOne(
                                eq("_id", new ObjectId(groupId)),
                                Updates.combine(Updates.set("frozen", frozen), Updates.inc("rev", 1L)))
                        .getMatchedCount()
                == 1;
    }

    Optional<StoredApiKey> findApiKey(String groupId) {
        Document document = groups.find(eq("_id", new ObjectId(groupId)))
                .projection(new Document("apiKey", 1))
                .first();
        if (document == null || document.get("apiKey") == null) {
            return Optional.empty();
        }
        return Optional.of(StoredApiKey.fromDocument(document.get("apiKey", Document.class)));
    }

    /** The rolled-away key still in its overlap, if any (an ended one the sweep has not yet removed too). */
    Optional<PreviousApiKey> findPreviousKey(String groupId) {
        Document document = groups.find(eq("_id", new ObjectId(groupId)))
                .projection(new Document(PreviousApiKey.FIELD, 1))
                .first();
        if (document == null || document.get(PreviousApiKey.FIELD) == null) {
            return Optional.empty();
        }
        return Optional.of(PreviousApiKey.fromDocument(document.get(PreviousApiKey.FIELD, Document.class)));
    }

    /**
     * Swaps the key only if it is still the one the caller read, so two regenerations cannot race.
     * A previous key still in its overlap is dropped too: regenerating is the emergency path.
     */
    boolean replaceApiKey(String groupId, String expectedHash, StoredApiKey replacement) {
        return groups.updateOne(
                                and(eq("_id", new ObjectId(groupId)), eq(StoredApiKey.HASH_PATH, expectedHash)),
                                Updates.combine(
                                        Updates.set("apiKey", replacement.toDocument()),
                                        Updates.unset(PreviousApiKey.FIELD)))
                        .getModifiedCount()
                == 1;
    }

    /**
     * Makes {@code replacement} the key and keeps the one it replaces as {@code previous} — in the
     * same compare-and-set on the current hash, so two rolls cannot race. Any older previous key is
     * overwritten, which ends its overlap.
     */
    boolean rollApiKey(String groupId, String expectedHash, StoredApiKey replacement, PreviousApiKey previous) {
        return groups.updateOne(
                                and(eq("_id", new ObjectId(groupId)), eq(StoredApiKey.HASH_PATH, expectedHash)),
                                Updates.combine(
                                        Updates.set("apiKey", replacement.toDocument()),
                                        Updates.set(PreviousApiKey.FIELD, previous.toDocument())))
                        .getModifiedCount()
                == 1;
    }

    /** Ends the overlap of the previous key with this hash; false when it is no longer there. */
    boolean removePreviousKey(String groupId, String expectedHash) {
        return groups.updateOne(
                                and(eq("_id", new ObjectId(groupId)), eq(PreviousApiKey.HASH_PATH, expectedHash)),
                                Updates.unset(PreviousApiKey.FIELD))
                        .getModifiedCount()
                == 1;
    }

    /** Records a use of the current key or, during an overlap, of the previous one; whichever has the hash. */
    public void recordKeyUse(String groupId, String hash, Instant lastUsedAt) {
        long matched = groups.updateOne(
                        and(eq("_id", new ObjectId(groupId)), eq(StoredApiKey.HASH_PATH, hash)),
                        Updates.max("apiKey.lastUsedAt", Date.from(lastUsedAt)))
                .getMatchedCount();
        if (matched == 0) {
            groups.updateOne(
                    and(eq("_id", new ObjectId(groupId)), eq(PreviousApiKey.HASH_PATH, hash)),
                    Updates.max(PreviousApiKey.FIELD + ".lastUsedAt", Date.from(lastUsedAt)));
        }
    }

    /**
     * Removes previous keys whose overlap has ended. The lookup already refuses them by date; this
     * only keeps the documents (and the sparse index) tidy.
     */
    @Override
    public long sweepExpired() {
        return groups.updateMany(
                        lte(PreviousApiKey.EXPIRES_PATH, Date.from(clock.instant())),
                        Updates.unset(PreviousApiKey.FIELD))
                .getModifiedCount();
    }

    private static List<Document> membersDocument(List<Member> members) {
        return members.stream()
                .map(m -> new Document("userId", m.userId())
                        .append("role", m.role().wireName())
                        .append("addedAt", Date.from(m.addedAt()))
                        .append("version", m.version()))
                .toList();
    }

    static Group toGroup(Document document) {
        List<Member> members = new ArrayList<>();
        for (Document member : document.getList("members", Document.class, List.of())) {
            members.add(new Member(
                    member.getString("userId"),
                    Role.parse(member.getString("role"), "role"),
                    member.getDate("addedAt").toInstant(),
                    member.get("version") instanceof Number n ? n.longValue() : 0L));
        }
        Number revision = document.get("rev", Number.class);
        return new Group(
                document.getObjectId("_id").toHexString(),
                document.getString("name"),
                document.getString("key"),
                document.getString("dbKey"),
                Tier.parse(document.getString("tier"), "tier"),
                Boolean.TRUE.equals(document.getBoolean("frozen")),
                document.getDate("createdAt").toInstant(),
                List.copyOf(members),
                revision == null ? 0 : revision.longValue());
    }
}

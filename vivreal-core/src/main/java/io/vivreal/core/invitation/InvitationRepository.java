package io.vivreal.core.invitation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vivreal.core.group.Role;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The control-plane {@code invitations} collection. An open invitation holds {@code openKey} =
 * group + address under a unique index, so there is at most one per group and address even when
 * two admins invite at once; closing it removes the key. Records go {@link #KEPT} after expiry.
 */
final class InvitationRepository implements IndexDefinitions, Expiring {

    static final String COLLECTION = "invitations";
    static final Duration KEPT = Duration.ofDays(30);

    private final MongoCollection<Document> invitations;
    private final Clock clock;

    InvitationRepository(ControlPlane controlPlane, Clock clock) {
        this.invitations = controlPlane.collection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(
                new IndexSpec(
                        COLLECTION,
                        new Document("openKey", 1),
                        new IndexOptions().unique(true).sparse(true)),
                IndexSpec.of(COLLECTION, new Document("email", 1).append("status", 1)),
                IndexSpec.of(COLLECTION, new Document("groupId", 1).append("status", 1)),
                IndexSpec.expiring(COLLECTION, "deleteAfter"));
    }

    @Override
    public long sweepExpired() {
        return invitations
                .deleteMany(lt("deleteAfter", Date.from(clock.instant())))
                .getDeletedCount();
    }

    private static String openKey(String groupId, String email) {
        return groupId + "|" + email;
    }

    /** Closes whatever invitation of this address to this group is open (re-inviting replaces it). */
    void replaceOpen(String groupId, String email) {
        invitations.updateMany(
                eq("openKey", openKey(groupId, email)),
                Updates.combine(Updates.set("status", Invitation.Status.REPLACED.name()), Updates.unset("openKey")));
    }

    /** Inserts a pending invitation; a concurrent one for the same group and address fails on the unique index. */
    void insert(Invitation invitation) {
        invitations.insertOne(new Document("_id", new ObjectId(invitation.id()))
                .append("groupId", invitation.groupId())
                .append("email", invitation.email())
                .append("role", invitation.role().wireName())
                .append("invitedBy", invitation.invitedBy())
                .append("createdAt", Date.from(invitation.createdAt()))
                .append("expiresAt", Date.from(invitation.expiresAt()))
                .append("deleteAfter", Date.from(invitation.expiresAt().plus(KEPT)))
                .append("status", invitation.status().name())
                .append("openKey", openKey(invitation.groupId(), invitation.email())));
    }

    Optional<Invitation> findById(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(invitations.find(eq("_id", new ObjectId(id))).first())
                .map(InvitationRepository::toInvitation);
    }

    /** The invitation only if it belongs to {@code groupId}: another group's id is simply not found. */
    Optional<Invitation> findInGroup(String groupId, String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(invitations
                        .find(and(eq("_id", new ObjectId(id)), eq("groupId", groupId)))
                        .first())
                .map(InvitationRepository::toInvitation);
    }

    List<Invitation> pendingInGroup(String groupId, int limit) {
        return list(and(eq("groupId", groupId), eq("status", Invitation.Status.PENDING.name())), limit);
    }

    List<Invitation> pendingFor(String email, Instant now, int limit) {
        return list(
                and(
                        eq("email", email),
                        eq("status", Invitation.Status.PENDING.name()),
                        gt("expiresAt", Date.from(now))),
                limit);
    }

    /**
     * Moves an invitation from one status to another only if it is still in the first (compare and
     * set); leaving the open statuses frees the group + address for a new invitation.
     */
    boolean transition(String id, Invitation.Status from, Invitation.Status to) {
        boolean open = to == Invitation.Status.PENDING || to == Invitation.Status.ACCEPTING;
        List<Bson> changes = new ArrayList<>();
        changes.add(Updates.set("status", to.name()));
        changes.add(Updates.set("updatedAt", Date.from(clock.instant())));
        if (!open) {
            changes.add(Updates.unset("openKey"));
        }
        Bson update = Updates.combine(changes);
        return invitations
                        .updateOne(and(eq("_id", new ObjectId(id)), eq("status", from.name())), update)
                        .getModifiedCount()
                == 1;
    }

    private List<Invitation> list(Bson filter, int limit) {
        List<Invitation> found = new ArrayList<>();
        for (Document document :
                invitations.find(filter).sort(Sorts.descending("createdAt")).limit(limit)) {
            found.add(toInvitation(document));
        }
        return found;
    }

    private static Invitation toInvitation(Document document) {
        return new Invitation(
                document.getObjectId("_id").toHexString(),
                document.getString("groupId"),
                document.getString("email"),
                Role.parse(document.getString("role"), "role"),
                document.getString("invitedBy"),
                document.getDate("createdAt").toInstant(),
                document.getDate("expiresAt").toInstant(),
                Invitation.Status.valueOf(document.getString("status")));
    }
}

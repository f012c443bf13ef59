package io.vivreal.distribution.connections;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Authorizations a member started and the provider has not yet sent back, in the control-plane
 * collection {@code connection_requests} (the callback names no group: the {@code state} is all it
 * has). The key is the SHA-256 of the {@code state}, so a copy of the store cannot complete a
 * flow; the PKCE verifier is stored encrypted. {@link #take} deletes the record as it reads it, so
 * a {@code state} is used at most once even when two callbacks race.
 */
final class PendingAuthorizations implements IndexDefinitions, Expiring {

    static final String COLLECTION = "connection_requests";

    /** One started authorization: whose, for which channel, its encrypted verifier and its end. */
    record Pending(String groupID, String channelId, String userId, String verifier, Instant expiresAt) {
        @Override
        public String toString() {
            return "Pending[" + groupID + " " + channelId + ", verifier hidden]";
        }
    }

    private final MongoCollection<Document> requests;
    private final Clock clock;

    PendingAuthorizations(ControlPlane controlPlane, Clock clock) {
        this.requests = controlPlane.collection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.expiring(COLLECTION, "expiresAt"));
    }

    @Override
    public long sweepExpired() {
        return requests.deleteMany(lt("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }

    void insert(String stateHash, Pending pending) {
        requests.insertOne(new Document("_id", stateHash)
                .append("groupID", pending.groupID())
                .append("channelId", pending.channelId())
                .append("userId", pending.userId())
                .append("verifier", pending.verifier())
                .append("expiresAt", Date.from(pending.expiresAt())));
    }

    /** Removes and answers the authorization of this state hash, if there was one. */
    Optional<Pending> take(String stateHash) {
        Document found = requests.findOneAndDelete(eq("_id", stateHash));
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(new Pending(
                found.getString("groupID"),
                found.getString("channelId"),
                found.getString("userId"),
                found.getString("verifier"),
                found.getDate("expiresAt").toInstant()));
    }
}

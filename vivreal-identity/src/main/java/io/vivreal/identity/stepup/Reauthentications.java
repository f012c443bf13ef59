package io.vivreal.identity.stepup;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
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
 * When a signed-in token's holder last confirmed their password ({@code POST /auth/reauth}, or the
 * portal's dialog), keyed by the token's id ({@code jti}) in the control plane, so every instance
 * sees it at once with no cache to wait for. Only the time is kept; entries end with their token.
 */
public final class Reauthentications implements IndexDefinitions, Expiring {

    static final String COLLECTION = "reauthentications";

    private final MongoCollection<Document> records;
    private final Clock clock;

    public Reauthentications(ControlPlane controlPlane, Clock clock) {
        this.records = controlPlane.collection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.expiring(COLLECTION, "expiresAt"));
    }

    /** Records that the holder of token {@code jti} authenticated at {@code at}. */
    public void record(String jti, Instant at, Instant tokenExpiresAt) {
        records.replaceOne(
                eq("_id", jti),
                new Document("_id", jti).append("at", Date.from(at)).append("expiresAt", Date.from(tokenExpiresAt)),
                new ReplaceOptions().upsert(true));
    }

    /** The latest recorded confirmation for token {@code jti}, if any. */
    public Optional<Instant> latest(String jti) {
        if (jti == null || jti.isBlank()) {
            return Optional.empty();
        }
        Document found = records.find(eq("_id", jti)).first();
        return Optional.ofNullable(found).map(d -> d.getDate("at").toInstant());
    }

    @Override
    public long sweepExpired() {
        return records.deleteMany(lt("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }
}

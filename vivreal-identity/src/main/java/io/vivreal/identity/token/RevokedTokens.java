package io.vivreal.identity.token;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Token ids ({@code jti}) signed out before their expiry, in the control plane ({@code
 * revoked_tokens}) so every instance refuses them. A revocation applies on this instance at once
 * and on the others within {@link #CHECK_TTL}, the time a "not revoked" answer is reused; entries
 * are removed once the token would have expired anyway.
 */
public final class RevokedTokens implements IndexDefinitions, Expiring {

    static final String COLLECTION = "revoked_tokens";
    static final Duration CHECK_TTL = Duration.ofSeconds(1);

    private final MongoCollection<Document> revoked;
    private final Clock clock;
    private final Cache<String, Boolean> answers;

    public RevokedTokens(ControlPlane controlPlane, Clock clock) {
        this.revoked = controlPlane.collection(COLLECTION);
        this.clock = clock;
        this.answers = Caffeine.newBuilder()
                .expireAfterWrite(CHECK_TTL)
                .maximumSize(100_000)
                .build();
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.expiring(COLLECTION, "expiresAt"));
    }

    /** Refuses the token with this id until {@code expiresAt}. */
    public void revoke(String jti, Instant expiresAt) {
        if (jti == null || jti.isBlank()) {
            return;
        }
        answers.put(jti, Boolean.TRUE);
        try {
            revoked.insertOne(new Document("_id", jti).append("expiresAt", Date.from(expiresAt)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Signed-out tokens that have expired anyway need no entry any more. */
    @Override
    public long sweepExpired() {
        return revoked.deleteMany(lt("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }

    /** Whether the token with this id was signed out. A token without an id counts as revoked. */
    public boolean isRevoked(String jti) {
        if (jti == null || jti.isBlank()) {
            return true;
        }
        return answers.get(jti, id -> revoked.find(eq("_id", id)).first() != null);
    }
}

package io.vivreal.identity.twofactor;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.not;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vivreal.core.crypto.CredentialBinding;
import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.store.ControlPlane;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The control-plane {@code second_factors} collection, one document per user ({@code _id} = user
 * id): the confirmed TOTP secret and a pending one (both {@code enc:v1:} ciphertexts bound to the
 * user and the field), the last accepted time step, and the recovery codes' salted hashes.
 *
 * <p>Every "use once" rule is a single conditional update, never read-then-write: a step is
 * accepted only if it is greater than the stored one ({@link #acceptStep}), a recovery code only if
 * its hash is still in the list as it is pulled out ({@link #useRecoveryCode}). Two instances
 * given the same code at the same moment cannot both succeed. Also an {@link EncryptedFieldStore},
 * so the operator's key rotation re-encrypts the secrets.
 */
public final class SecondFactorStore implements EncryptedFieldStore {

    static final String COLLECTION = "second_factors";
    static final String SECRET = "secret";
    static final String PENDING = "pending";

    private final MongoCollection<Document> records;
    private final String database;

    public SecondFactorStore(ControlPlane controlPlane) {
        this.records = controlPlane.collection(COLLECTION);
        this.database = controlPlane.databaseName();
    }

    /** What is stored for a user; ciphertexts only. */
    record Stored(String secret, String pending, long lastStep, String salt) {
        boolean enabled() {
            return secret != null;
        }
    }

    /** The associated data of a user's secret: the user and the field, so a copied value never decrypts. */
    static CredentialBinding binding(String userId, String field) {
        return new CredentialBinding(userId, userId, field);
    }

    Optional<Stored> find(String userId) {
        Document found = records.find(eq("_id", userId)).first();
        return Optional.ofNullable(found)
                .map(d -> new Stored(
                        d.getString(SECRET),
                        d.getString(PENDING),
                        d.get("lastStep") instanceof Number n ? n.longValue() : Long.MIN_VALUE,
                        d.getString("salt")));
    }

    /** Starts (or restarts) an enrolment; a confirmed secret stays in force until the new one is confirmed. */
    void savePending(String userId, String ciphertext, Instant at) {
        records.updateOne(
                eq("_id", userId),
                Updates.combine(Updates.set(PENDING, ciphertext), Updates.set("pendingAt", Date.from(at))),
                new UpdateOptions().upsert(true));
    }

    /**
     * Makes the pending secret the confirmed one — only if it is still exactly the pending value the
     * code was checked against — with the step that confirmed it and fresh recovery codes.
     */
    boolean enable(
            String userId,
            String pendingCiphertext,
            String secretCiphertext,
            long step,
            String salt,
            List<String> recoveryHashes,
            Instant at) {
        return records.updateOne(
                                and(eq("_id", userId), eq(PENDING, pendingCiphertext)),
                                Updates.combine(
                                        Updates.set(SECRET, secretCiphertext),
                                        Updates.unset(PENDING),
                                        Updates.unset("pendingAt"),
                                        Updates.set("lastStep", step),
                                        Updates.set("salt", salt),
                                        Updates.set("recovery", recoveryHashes),
                                        Updates.set("enabledAt", Date.from(at))))
                        .getModifiedCount()
                == 1;
    }

    /** Records {@code step} as used, only if every step used before is older; answers whether it did. */
    boolean acceptStep(String userId, long step) {
        return records.updateOne(
                                and(eq("_id", userId), exists(SECRET), lt("lastStep", step)),
                                Updates.set("lastStep", step))
                        .getModifiedCount()
                == 1;
    }

    /** Removes a recovery code's hash, only if it is still there; answers whether it did. */
    boolean useRecoveryCode(String userId, String hash) {
        return records.updateOne(
                                and(eq("_id", userId), exists(SECRET), eq("recovery", hash)),
                                Updates.pull("recovery", hash))
                        .getModifiedCount()
                == 1;
    }

    int recoveryCodesLeft(String userId) {
        Document found = records.find(eq("_id", userId)).first();
        return found == null
                ? 0
                : found.getList("recovery", String.class, List.of()).size();
    }

    void delete(String userId) {
        records.deleteOne(eq("_id", userId));
    }

    @Override
    public String name() {
        return "second-factor secrets";
    }

    @Override
    public List<EncryptedField> batchNotUnder(String activeKeyId, Optional<EncryptedField> after, int size) {
        String active = "^enc:v1:" + activeKeyId + ":";
        Bson pending =
                or(and(exists(SECRET), not(regex(SECRET, active))), and(exists(PENDING), not(regex(PENDING, active))));
        Bson filter = after.map(field -> and(gt("_id", field.binding().recordId()), pending))
                .orElse(pending);
        List<EncryptedField> batch = new ArrayList<>();
        for (Document document :
                records.find(filter).sort(new Document("_id", 1)).limit(size)) {
            String userId = document.getString("_id");
            for (String field : List.of(SECRET, PENDING)) {
                String value = document.getString(field);
                if (value != null && !value.startsWith("enc:v1:" + activeKeyId + ":")) {
                    batch.add(new EncryptedField(database, binding(userId, field), field, value));
                }
            }
        }
        return batch;
    }

    @Override
    public boolean replace(EncryptedField field, String newCiphertext) {
        return records.updateOne(
                                and(eq("_id", field.binding().recordId()), eq(field.path(), field.ciphertext())),
                                Updates.set(field.path(), newCiphertext))
                        .getModifiedCount()
                == 1;
    }

    @Override
    public Map<String, Long> countByKeyId() {
        Map<String, Long> counts = new HashMap<>();
        for (Document document : records.find()) {
            for (String field : List.of(SECRET, PENDING)) {
                String value = document.getString(field);
                if (value != null) {
                    counts.merge(EncryptedField.keyIdOf(value), 1L, Long::sum);
                }
            }
        }
        return counts;
    }
}

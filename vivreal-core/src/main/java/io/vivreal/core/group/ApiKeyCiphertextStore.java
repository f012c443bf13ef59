package io.vivreal.core.group;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.not;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.vivreal.core.apikey.StoredApiKey;
import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.store.ControlPlane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The groups' API-key ciphertexts ({@code apiKey.ciphertext} in the control-plane {@code groups}
 * collection), for the key rotation. The rotation only ever swaps the ciphertext, never the lookup
 * hash, so a key regenerated meanwhile simply wins the compare-and-set and keeps working.
 */
public final class ApiKeyCiphertextStore implements EncryptedFieldStore {

    private final MongoCollection<Document> groups;
    private final String database;

    public ApiKeyCiphertextStore(ControlPlane controlPlane) {
        this.groups = controlPlane.collection(GroupRepository.COLLECTION);
        this.database = controlPlane.databaseName();
    }

    @Override
    public String name() {
        return "api keys";
    }

    @Override
    public List<EncryptedField> batchNotUnder(String activeKeyId, Optional<EncryptedField> after, int size) {
        // key ids are [A-Za-z0-9_-]: nothing in them is special to a regular expression
        Bson pending = and(
                exists(StoredApiKey.CIPHERTEXT_PATH),
                not(regex(StoredApiKey.CIPHERTEXT_PATH, "^enc:v1:" + activeKeyId + ":")));
        Bson filter = after.map(
                        field -> and(gt("_id", new ObjectId(field.binding().recordId())), pending))
                .orElse(pending);
        List<EncryptedField> batch = new ArrayList<>();
        for (Document document : groups.find(filter)
                .projection(new Document(StoredApiKey.CIPHERTEXT_PATH, 1))
                .sort(new Document("_id", 1))
                .limit(size)) {
            batch.add(field(document));
        }
        return batch;
    }

    @Override
    public boolean replace(EncryptedField field, String newCiphertext) {
        return groups.updateOne(
                                and(
                                        eq("_id", new ObjectId(field.binding().recordId())),
                                        eq(StoredApiKey.CIPHERTEXT_PATH, field.ciphertext())),
                                Updates.set(StoredApiKey.CIPHERTEXT_PATH, newCiphertext))
                        .getModifiedCount()
                == 1;
    }

    @Override
    public Map<String, Long> countByKeyId() {
        Map<String, Long> counts = new HashMap<>();
        for (Document document : groups.find(exists(StoredApiKey.CIPHERTEXT_PATH))
                .projection(new Document(StoredApiKey.CIPHERTEXT_PATH, 1))) {
            counts.merge(EncryptedField.keyIdOf(ciphertext(document)), 1L, Long::sum);
        }
        return counts;
    }

    private EncryptedField field(Document document) {
        String groupId = document.getObjectId("_id").toHexString();
        return new EncryptedField(
                database, StoredApiKey.binding(groupId), StoredApiKey.CIPHERTEXT_PATH, ciphertext(document));
    }

    private static String ciphertext(Document document) {
        Object value = document.get("apiKey", Document.class).get("ciphertext");
        return value instanceof String text ? text : "";
    }
}

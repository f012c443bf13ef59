package io.vivreal.identity.user;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The control-plane {@code users} collection. */
public final class UserRepository implements IndexDefinitions {

    static final String COLLECTION = "users";

    private final MongoCollection<Document> users;

    public UserRepository(ControlPlane controlPlane) {
        this.users = controlPlane.collection(COLLECTION);
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(
                new IndexSpec(
                        COLLECTION,
                        new Document("emailKey", 1),
                        new IndexOptions().unique(true).sparse(true)),
                new IndexSpec(
                        COLLECTION,
                        new Document("externalId", 1),
                        new IndexOptions().unique(true).sparse(true)),
                IndexSpec.of(COLLECTION, new Document("email", 1)));
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    /** Inserts a user; a duplicate email or external id fails on the unique index. */
    void insert(User user) {
        Document document = new Document("_id", new ObjectId(user.id()))
                .append("email", user.email())
                .append("name", user.name())
                .append("createdAt", Date.from(user.createdAt()))
                .append("emailVerified", user.emailVerified());
        if (user.passwordHash() != null) {
            document.append("emailKey", emailKey(user.email())).append("passwordHash", user.passwordHash());
        }
        if (user.externalId() != null) {
            document.append("externalId", user.externalId());
        }
        users.insertOne(document);
    }

    public Optional<User> findById(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(users.find(eq("_id", new ObjectId(id))).first())
                .map(UserRepository::toUser);
    }

    Optional<User> findLocalByEmail(String email) {
        return Optional.ofNullable(users.find(eq("emailKey", emailKey(email))).first())
                .map(UserRepository::toUser);
    }

    Optional<User> findByExternalId(String externalId) {
        return Optional.ofNullable(users.find(eq("externalId", externalId)).first())
                .map(UserRepository::toUser);
    }

    /**
     * Marks the address verified — only if it is still the address the proof was made for, so a
     * link mailed before an address change verifies nothing.
     */
    public boolean markEmailVerified(String id, String email) {
        if (!ObjectId.isValid(id)) {
            return false;
        }
        return users.updateOne(and(eq("_id", new ObjectId(id)), eq("email", email)), Updates.set("emailVerified", true))
                        .getMatchedCount()
                == 1;
    }

    /** Replaces a password account's hash; external accounts have none to replace. */
    boolean setPasswordHash(String id, String passwordHash) {
        if (!ObjectId.isValid(id)) {
            return false;
        }
        return users.updateOne(
                                and(eq("_id", new ObjectId(id)), exists("passwordHash")),
                                Updates.set("passwordHash", passwordHash))
                        .getMatchedCount()
                == 1;
    }

    /** An external account's address, as its issuer verified it. */
    void setExternalEmail(String id, String email) {
        users.updateOne(
                and(eq("_id", new ObjectId(id)), exists("externalId")),
                Updates.combine(Updates.set("email", email), Updates.set("emailVerified", true)));
    }

    public Map<String, User> findAllById(Collection<String> ids) {
        List<ObjectId> objectIds =
                ids.stream().filter(ObjectId::isValid).map(ObjectId::new).toList();
        Map<String, User> found = new LinkedHashMap<>();
        for (Document document : users.find(new Document("_id", new Document("$in", objectIds)))) {
            User user = toUser(document);
            found.put(user.id(), user);
        }
        return found;
    }

    private static User toUser(Document document) {
        return new User(
                document.getObjectId("_id").toHexString(),
                document.getString("email"),
                document.getString("name"),
                document.getString("passwordHash"),
                document.getString("externalId"),
                document.getDate("createdAt").toInstant(),
                document.getBoolean("emailVerified", false));
    }
}

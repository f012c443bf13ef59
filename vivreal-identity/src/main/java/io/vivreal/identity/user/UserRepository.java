package io.vivreal.identity.user;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
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
                .append("createdAt", Date.from(user.createdAt()));
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

    /** A user to add to a group by email: the local account, else an external one with that email. */
    public Optional<User> findByEmail(String email) {
        return findLocalByEmail(email)
                .or(() -> Optional.ofNullable(users.find(eq("email", email)).first())
                        .map(UserRepository::toUser));
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
                document.getDate("createdAt").toInstant());
    }
}

package io.vivreal.lambda;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import io.vivreal.authorizer.ApiKeyFormat;
import io.vivreal.authorizer.ApiKeyHasher;
import io.vivreal.core.apikey.PreviousApiKey;
import io.vivreal.core.apikey.StoredApiKey;
import io.vivreal.core.store.EmbeddedMongoStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The embedded store (the product's own {@link EmbeddedMongoStore}) in a temporary directory, with
 * groups written the way {@code GroupRepository.insert} writes them and the unique index on {@code
 * apiKey.hash}; as the benchmarks' seeded store, without Spring.
 */
final class SeededStore implements AutoCloseable {

    static final String DATABASE = "vivreal";

    private final Path dataDir;
    private final EmbeddedMongoStore store;
    private final MongoClient client;
    private final ApiKeyHasher hasher;
    private final SecureRandom random = new SecureRandom();
    private boolean stopped;

    private SeededStore(Path dataDir, EmbeddedMongoStore store, MongoClient client, ApiKeyHasher hasher) {
        this.dataDir = dataDir;
        this.store = store;
        this.client = client;
        this.hasher = hasher;
    }

    static SeededStore start(byte[] pepper) throws IOException {
        Path dataDir = Files.createTempDirectory("vivreal-lambda-");
        EmbeddedMongoStore store = EmbeddedMongoStore.start(dataDir);
        MongoClient client = MongoClients.create(AuthorizerRuntime.mongoSettings(store.connectionString()));
        SeededStore seeded = new SeededStore(dataDir, store, client, new ApiKeyHasher(pepper));
        seeded.groups().createIndex(new Document(StoredApiKey.HASH_PATH, 1), new IndexOptions().unique(true));
        return seeded;
    }

    String connectionString() {
        return store.connectionString();
    }

    /** Writes a group owning {@code apiKey}; answers its id. */
    String addGroup(String name, String tier, boolean frozen, String apiKey) {
        ObjectId id = new ObjectId();
        groups().insertOne(new Document("_id", id)
                .append("name", name)
                .append("key", "bucket-" + id.toHexString())
                .append("dbKey", "general_shared")
                .append("tier", tier)
                .append("frozen", frozen)
                .append("createdAt", new java.util.Date())
                .append("members", List.of())
                .append("rev", 0L)
                .append("apiKey", stored(apiKey).toDocument()));
        return id.toHexString();
    }

    /** Replaces a group's key as regeneration does; answers the new key. */
    String regenerate(String groupId) {
        String fresh = ApiKeyFormat.generate(random);
        groups().updateOne(
                        new Document("_id", new ObjectId(groupId)),
                        new Document(
                                "$set", new Document("apiKey", stored(fresh).toDocument())));
        return fresh;
    }

    /**
     * Rolls a group's key as {@code POST .../api-key/roll} does: the current key becomes the
     * previous one, authorizing until {@code previousExpiresAt}; answers the new key.
     */
    String roll(String groupId, Instant previousExpiresAt) {
        Document group =
                groups().find(new Document("_id", new ObjectId(groupId))).first();
        StoredApiKey current = StoredApiKey.fromDocument(group.get("apiKey", Document.class));
        String fresh = ApiKeyFormat.generate(random);
        groups().updateOne(
                        new Document("_id", new ObjectId(groupId)),
                        new Document(
                                "$set",
                                new Document("apiKey", stored(fresh).toDocument())
                                        .append(
                                                PreviousApiKey.FIELD,
                                                PreviousApiKey.of(current, previousExpiresAt)
                                                        .toDocument())));
        return fresh;
    }

    private StoredApiKey stored(String apiKey) {
        // The lookup never reads the ciphertext; random bytes of a realistic size stand in for it.
        byte[] ciphertext = new byte[12 + ApiKeyFormat.LENGTH + 16];
        random.nextBytes(ciphertext);
        return new StoredApiKey(
                hasher.hash(apiKey),
                Base64.getEncoder().encodeToString(ciphertext),
                ApiKeyFormat.displayPrefix(apiKey),
                Instant.now(),
                null);
    }

    private MongoCollection<Document> groups() {
        return client.getDatabase(DATABASE).getCollection("groups");
    }

    /** Stops the server while clients still point at it: the store is down. */
    void stop() {
        if (!stopped) {
            stopped = true;
            client.close();
            store.close();
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dataDir, e);
        }
    }
}

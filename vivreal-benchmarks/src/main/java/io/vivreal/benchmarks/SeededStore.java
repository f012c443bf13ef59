package io.vivreal.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.vivreal.authorizer.ApiKeyFormat;
import io.vivreal.authorizer.ApiKeyHasher;
import io.vivreal.core.apikey.StoredApiKey;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.EmbeddedMongoStore;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.store.StoreConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A fresh embedded store in a temporary directory, holding the {@code groups} collection the way
 * the product writes it: the indexes {@link GroupRepository} declares (including the unique one
 * on {@code apiKey.hash}) and group documents shaped like {@code GroupRepository.insert}, one of
 * which owns {@link #validKey()}. The other groups make the lookup search a realistic index, not
 * a single entry. Not a benchmark itself: the authorizer benchmark's fixture.
 */
final class SeededStore implements AutoCloseable {

    private final Path dataDir;
    private final EmbeddedMongoStore store;
    private final MongoClient client;
    private final ControlPlane controlPlane;
    private final ApiKeyHasher hasher;
    private final String validKey;

    private SeededStore(
            Path dataDir, EmbeddedMongoStore store, MongoClient client, ApiKeyHasher hasher, String validKey) {
        this.dataDir = dataDir;
        this.store = store;
        this.client = client;
        this.controlPlane = new ControlPlane(client.getDatabase("vivreal"));
        this.hasher = hasher;
        this.validKey = validKey;
    }

    /** Starts the store and writes {@code otherGroups} groups plus the one owning the valid key. */
    static SeededStore start(int otherGroups) throws IOException {
        Path dataDir = Files.createTempDirectory("vivreal-bench-");
        EmbeddedMongoStore store = EmbeddedMongoStore.start(dataDir);
        MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()));
        SecureRandom random = new SecureRandom();
        byte[] pepper = new byte[32];
        random.nextBytes(pepper);
        ApiKeyHasher hasher = new ApiKeyHasher(pepper);
        SeededStore seeded = new SeededStore(dataDir, store, client, hasher, ApiKeyFormat.generate(random));
        seeded.seed(otherGroups, random);
        return seeded;
    }

    private void seed(int otherGroups, SecureRandom random) {
        for (IndexSpec spec : new GroupRepository(controlPlane, java.time.Clock.systemUTC()).controlPlane()) {
            controlPlane.collection(spec.collection()).createIndex(spec.keys(), spec.options());
        }
        List<Document> groups = new ArrayList<>(otherGroups + 1);
        for (int i = 0; i < otherGroups; i++) {
            groups.add(group(i, ApiKeyFormat.generate(random), random));
        }
        groups.add(groups.size() / 2, group(otherGroups, validKey, random));
        controlPlane.collection("groups").insertMany(groups);
    }

    private Document group(int number, String apiKey, SecureRandom random) {
        Date now = new Date();
        // The lookup never reads the ciphertext; random bytes of a realistic size stand in for it.
        byte[] ciphertext = new byte[12 + ApiKeyFormat.LENGTH + 16];
        random.nextBytes(ciphertext);
        StoredApiKey stored = new StoredApiKey(
                hasher.hash(apiKey),
                Base64.getEncoder().encodeToString(ciphertext),
                ApiKeyFormat.displayPrefix(apiKey),
                now.toInstant(),
                null);
        return new Document("_id", new ObjectId())
                .append("name", "Benchmark group " + number)
                .append("key", "benchmark-group-" + number)
                .append("dbKey", "general_shared")
                .append("tier", "free")
                .append("frozen", false)
                .append("createdAt", now)
                .append("members", List.of())
                .append("rev", 0L)
                .append("apiKey", stored.toDocument());
    }

    ControlPlane controlPlane() {
        return controlPlane;
    }

    ApiKeyHasher hasher() {
        return hasher;
    }

    /** The current key of one stored group. */
    String validKey() {
        return validKey;
    }

    long groupCount() {
        return controlPlane.collection("groups").countDocuments();
    }

    @Override
    public void close() {
        client.close();
        store.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dataDir, e);
        }
    }
}

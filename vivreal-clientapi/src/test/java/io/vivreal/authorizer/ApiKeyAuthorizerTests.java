package io.vivreal.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.EmbeddedMongoStore;
import io.vivreal.core.store.StoreConfiguration;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authorizer against the real embedded store, with a controllable clock for its cache. */
class ApiKeyAuthorizerTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dataDir;

    private EmbeddedMongoStore store;
    private MongoClient client;
    private ControlPlane controlPlane;
    private final ApiKeyHasher hasher = new ApiKeyHasher(new byte[32]);
    private final FakeTicker ticker = new FakeTicker();
    private CountingLookup lookup;
    private ApiKeyAuthorizer authorizer;

    @BeforeEach
    void start() {
        store = EmbeddedMongoStore.start(dataDir);
        client = MongoClients.create(StoreConfiguration.settings(store.connectionString()));
        controlPlane = new ControlPlane(client.getDatabase("vivreal"));
        lookup = new CountingLookup(
                new MongoApiKeyLookup(controlPlane.collection("groups"), java.time.Clock.systemUTC()));
        authorizer = new ApiKeyAuthorizer(hasher, lookup, Duration.ofMillis(500), 1000, ticker, Runnable::run);
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
    }

    private String storeGroup(String key, boolean frozen) {
        ObjectId id = new ObjectId();
        controlPlane
                .collection("groups")
                .insertOne(new Document("_id", id)
                        .append("name", "Acme")
                        .append("key", "acme-" + id.toHexString().substring(18))
                        .append("dbKey", "general_shared")
                        .append("tier", "pro")
                        .append("frozen", frozen)
                        .append("createdAt", new Date())
                        .append("apiKey", new Document("hash", hasher.hash(key))));
        return id.toHexString();
    }

    @Test
    void aValidKeyIsItsGroupsTenantBuiltOnceFromTheStoredGroup() {
        String key = ApiKeyFormat.generate(RANDOM);
        String groupId = storeGroup(key, false);

        KeyVerification verification = authorizer.verify(key);

        assertThat(verification.status()).isEqualTo(KeyVerification.Status.VALID);
        assertThat(verification.tenant())
                .isEqualTo(
                        new Tenant(groupId, "Acme", "general_shared", "acme-" + groupId.substring(18), "pro", false));
        assertThat(verification.keyHash()).isEqualTo(hasher.hash(key));
        assertThat(AuthorizerAnswer.of(verification)).isEqualTo(AuthorizerAnswer.ALLOW);
    }

    @Test
    void acceptsTheBearerScheme() {
        String key = ApiKeyFormat.generate(RANDOM);
        storeGroup(key, false);

        assertThat(authorizer.verify("Bearer " + key).status()).isEqualTo(KeyVerification.Status.VALID);
    }

    @Test
    void unauthorizedWithoutAToken() {
        assertThat(authorizer.verify(null).status()).isEqualTo(KeyVerification.Status.MISSING);
        assertThat(AuthorizerAnswer.of(authorizer.verify("  "))).isEqualTo(AuthorizerAnswer.UNAUTHORIZED);
    }

    @Test
    void forbiddenForAMalformedKeyWithoutTouchingTheStore() {
        String key = ApiKeyFormat.generate(RANDOM);
        storeGroup(key, false);
        String altered = key.substring(0, 10) + (key.charAt(10) == 'a' ? 'b' : 'a') + key.substring(11);

        KeyVerification verification = authorizer.verify(altered);

        assertThat(verification.status()).isEqualTo(KeyVerification.Status.MALFORMED);
        assertThat(verification.tenant()).isNull();
        assertThat(AuthorizerAnswer.of(verification)).isEqualTo(AuthorizerAnswer.FORBIDDEN);
        assertThat(authorizer.verify("x".repeat(5000)).status()).isEqualTo(KeyVerification.Status.MALFORMED);
        assertThat(authorizer.verify("Bearer ").status()).isEqualTo(KeyVerification.Status.MALFORMED);
        assertThat(lookup.calls.get()).isZero();
    }

    @Test
    void forbiddenForAnUnknownWellFormedKey() {
        KeyVerification verification = authorizer.verify(ApiKeyFormat.generate(RANDOM));

        assertThat(verification.status()).isEqualTo(KeyVerification.Status.NOT_FOUND);
        assertThat(AuthorizerAnswer.of(verification)).isEqualTo(AuthorizerAnswer.FORBIDDEN);
    }

    @Test
    void repeatedUnknownKeyReadsTheStoreOncePerCacheLifetime() {
        String unknown = ApiKeyFormat.generate(RANDOM);

        for (int i = 0; i < 1000; i++) {
            authorizer.verify(unknown);
        }
        assertThat(lookup.calls.get()).isEqualTo(1);

        ticker.advance(Duration.ofMillis(501));
        authorizer.verify(unknown);
        assertThat(lookup.calls.get()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsForOneKeyShareOneStoreRead() throws Exception {
        String key = ApiKeyFormat.generate(RANDOM);
        storeGroup(key, false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<KeyVerification>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return authorizer.verify(key);
                }));
            }
            start.countDown();
            for (Future<KeyVerification> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).status()).isEqualTo(KeyVerification.Status.VALID);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(lookup.calls.get()).isEqualTo(1);
    }

    @Test
    void aReplacedKeyIsDeniedOnceTheCacheLifetimePasses() {
        String key = ApiKeyFormat.generate(RANDOM);
        String groupId = storeGroup(key, false);
        assertThat(authorizer.verify(key).status()).isEqualTo(KeyVerification.Status.VALID);

        // another instance regenerates the key: only the store changes
        controlPlane
                .collection("groups")
                .updateOne(
                        new Document("_id", new ObjectId(groupId)),
                        new Document("$set", new Document("apiKey.hash", hasher.hash(ApiKeyFormat.generate(RANDOM)))));

        ticker.advance(Duration.ofMillis(249));
        assertThat(authorizer.verify(key).status())
                .as("fresh decisions are reused")
                .isEqualTo(KeyVerification.Status.VALID);
        ticker.advance(Duration.ofMillis(252));
        assertThat(authorizer.verify(key).status()).isEqualTo(KeyVerification.Status.NOT_FOUND);
    }

    @Test
    void aDecisionReadFromASlowStoreExpiresOneLifetimeAfterTheReadStarted() {
        String key = ApiKeyFormat.generate(RANDOM);
        String groupId = storeGroup(key, false);
        MongoApiKeyLookup store = new MongoApiKeyLookup(controlPlane.collection("groups"), java.time.Clock.systemUTC());
        ApiKeyLookup slow = hash -> {
            Optional<Tenant> owner = store.findOwner(hash);
            // the key is regenerated while this read's answer is still on its way, 400 ms late
            controlPlane
                    .collection("groups")
                    .updateOne(
                            new Document("_id", new ObjectId(groupId)),
                            new Document(
                                    "$set", new Document("apiKey.hash", hasher.hash(ApiKeyFormat.generate(RANDOM)))));
            ticker.advance(Duration.ofMillis(400));
            return owner;
        };
        ApiKeyAuthorizer slowAuthorizer =
                new ApiKeyAuthorizer(hasher, slow, Duration.ofMillis(500), 1000, ticker, Runnable::run);

        assertThat(slowAuthorizer.verify(key).status()).isEqualTo(KeyVerification.Status.VALID);
        ticker.advance(Duration.ofMillis(101));

        assertThat(slowAuthorizer.verify(key).status())
                .as("500 ms after the read started, not after it answered")
                .isEqualTo(KeyVerification.Status.NOT_FOUND);
    }

    @Test
    void aBusyDecisionIsReloadedInTheBackgroundAfterHalfItsLifetime() {
        String key = ApiKeyFormat.generate(RANDOM);
        storeGroup(key, false);
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        ApiKeyAuthorizer deferred =
                new ApiKeyAuthorizer(hasher, lookup, Duration.ofMillis(500), 1000, ticker, queued::add);
        deferred.verify(key);
        int reads = lookup.calls.get();

        ticker.advance(Duration.ofMillis(300));
        KeyVerification served = deferred.verify(key);

        assertThat(served.status()).as("served at once from the cache").isEqualTo(KeyVerification.Status.VALID);
        assertThat(queued).as("a reload was scheduled, not awaited").isNotEmpty();
        assertThat(lookup.calls.get()).isEqualTo(reads);
        for (int i = 0; i < 100 && !queued.isEmpty(); i++) {
            queued.remove(0).run();
        }
        assertThat(lookup.calls.get()).isEqualTo(reads + 1);
    }

    @Test
    void forgetEvictsAtOnce() {
        String key = ApiKeyFormat.generate(RANDOM);
        String groupId = storeGroup(key, false);
        assertThat(authorizer.verify(key).status()).isEqualTo(KeyVerification.Status.VALID);
        controlPlane
                .collection("groups")
                .updateOne(
                        new Document("_id", new ObjectId(groupId)),
                        new Document("$set", new Document("apiKey.hash", "replaced")));

        authorizer.forget(hasher.hash(key));

        assertThat(authorizer.verify(key).status()).isEqualTo(KeyVerification.Status.NOT_FOUND);
    }

    @Test
    void aFrozenGroupsKeyIsValidAndAnswered402() {
        String key = ApiKeyFormat.generate(RANDOM);
        storeGroup(key, true);

        KeyVerification verification = authorizer.verify(key);

        assertThat(verification.status()).isEqualTo(KeyVerification.Status.VALID);
        assertThat(verification.tenant().frozen()).isTrue();
        assertThat(AuthorizerAnswer.of(verification)).isEqualTo(AuthorizerAnswer.GROUP_FROZEN);
    }

    @Test
    void failsClosedWhenTheStoreIsUnreachable() {
        String key = ApiKeyFormat.generate(RANDOM);
        storeGroup(key, false);
        store.close();

        KeyVerification verification = authorizer.verify(key);

        assertThat(verification.status()).isEqualTo(KeyVerification.Status.STORE_UNAVAILABLE);
        assertThat(verification.tenant()).isNull();
        assertThat(AuthorizerAnswer.of(verification)).isEqualTo(AuthorizerAnswer.SERVICE_UNAVAILABLE);
    }

    @Test
    void storeFailuresAreNotCached() {
        String key = ApiKeyFormat.generate(RANDOM);
        Tenant owner = new Tenant(new ObjectId().toHexString(), "Acme", "general_shared", "acme", "free", false);
        AtomicInteger failures = new AtomicInteger(1);
        ApiKeyAuthorizer flaky = new ApiKeyAuthorizer(
                hasher,
                hash -> {
                    if (failures.getAndDecrement() > 0) {
                        throw new ApiKeyLookup.StoreUnavailableException(new RuntimeException("down"));
                    }
                    return Optional.of(owner);
                },
                Duration.ofMillis(500),
                1000,
                ticker);

        assertThat(flaky.verify(key).status()).isEqualTo(KeyVerification.Status.STORE_UNAVAILABLE);
        assertThat(flaky.verify(key).status()).isEqualTo(KeyVerification.Status.VALID);
    }

    @Test
    void refusesACacheLifetimeOverOneSecond() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ApiKeyAuthorizer(hasher, lookup, Duration.ofMillis(1001), 10, ticker))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Counts store reads, to prove what is and is not cached. */
    static final class CountingLookup implements ApiKeyLookup {
        final AtomicInteger calls = new AtomicInteger();
        private final ApiKeyLookup delegate;

        CountingLookup(ApiKeyLookup delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Tenant> findOwner(String keyHash) {
            calls.incrementAndGet();
            return delegate.findOwner(keyHash);
        }
    }

    static final class FakeTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }

        @Override
        public long read() {
            return nanos.get();
        }
    }
}

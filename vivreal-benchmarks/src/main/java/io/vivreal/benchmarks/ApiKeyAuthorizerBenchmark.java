package io.vivreal.benchmarks;

import io.vivreal.authorizer.ApiKeyAuthorizer;
import io.vivreal.authorizer.ApiKeyLookup;
import io.vivreal.authorizer.AuthorizerAnswer;
import io.vivreal.authorizer.KeyVerification;
import io.vivreal.authorizer.MongoApiKeyLookup;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ApiKeyAuthorizer#verify} — the check in front of every Client API request — in its three
 * regimes, each against a real {@link MongoApiKeyLookup} over the embedded store seeded with
 * {@value #OTHER_GROUPS} other groups ({@link SeededStore}):
 *
 * <ul>
 *   <li>{@link #cachedValidKey}: a valid key whose decision is in the cache — the steady state of
 *       a busy key. The cache's ticker never advances, so the entry never expires. Target ≤ 2 µs.
 *   <li>{@link #malformedKey}: a key with a wrong checksum, rejected before hashing or any I/O —
 *       what a flood of made-up keys costs. Target ≤ 1 µs.
 *   <li>{@link #uncachedLookupEmbeddedStore}: a valid key whose decision is never cached, so every
 *       call hashes the key and reads the store over the wire protocol on loopback — the first
 *       request of a key in each cache lifetime. The cache's ticker jumps two TTLs on every read,
 *       so each entry has expired by the next call. Target ≤ 1 ms. Also sampled for percentiles.
 *   <li>{@link #requestTenantCachedValidKey}: everything {@code AuthorizerFilter} does per request
 *       to get from the header to the request's tenant (a cached valid key): the verification and
 *       the answer from the one table; the tenant is the verification's own value (issue 13).
 * </ul>
 *
 * <p>The forked JVM gets the launcher's collector and heap cap, so numbers match {@code ./vivreal
 * serve} rather than a default-sized JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
public class ApiKeyAuthorizerBenchmark {

    static final int OTHER_GROUPS = 1000;
    private static final Duration CACHE_TTL = Duration.ofSeconds(1);
    private static final long CACHE_SIZE = 100_000;

    private SeededStore store;
    private ApiKeyAuthorizer cached;
    private ApiKeyAuthorizer uncached;
    private String validKey;
    private String malformedKey;
    private final AtomicLong storeReads = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        store = SeededStore.start(OTHER_GROUPS);
        MongoApiKeyLookup mongo =
                new MongoApiKeyLookup(store.controlPlane().collection("groups"), java.time.Clock.systemUTC());
        // counts reads so set-up can prove which authorizer reaches the store; costs nanoseconds
        ApiKeyLookup lookup = hash -> {
            storeReads.incrementAndGet();
            return mongo.findOwner(hash);
        };
        long frozenNow = System.nanoTime();
        cached = new ApiKeyAuthorizer(store.hasher(), lookup, CACHE_TTL, CACHE_SIZE, () -> frozenNow);
        AtomicLong jumpingNow = new AtomicLong(frozenNow);
        long jump = 2 * CACHE_TTL.toNanos();
        uncached =
                new ApiKeyAuthorizer(store.hasher(), lookup, CACHE_TTL, CACHE_SIZE, () -> jumpingNow.addAndGet(jump));
        validKey = store.validKey();
        malformedKey = withWrongChecksum(validKey);
        checkFixture();
    }

    /** Fails the run rather than measure the wrong thing. */
    private void checkFixture() {
        if (store.groupCount() != OTHER_GROUPS + 1) {
            throw new IllegalStateException("expected " + (OTHER_GROUPS + 1) + " groups, found " + store.groupCount());
        }
        expect(cached.verify(validKey), KeyVerification.Status.VALID);
        expect(cached.verify(malformedKey), KeyVerification.Status.MALFORMED);
        long before = storeReads.get();
        for (int i = 0; i < 3; i++) {
            expect(cached.verify(validKey), KeyVerification.Status.VALID);
        }
        if (storeReads.get() != before) {
            throw new IllegalStateException("the cached authorizer read the store");
        }
        for (int i = 0; i < 3; i++) {
            expect(uncached.verify(validKey), KeyVerification.Status.VALID);
        }
        if (storeReads.get() != before + 3) {
            throw new IllegalStateException("the uncached authorizer did not read the store on every call");
        }
    }

    private static void expect(KeyVerification verification, KeyVerification.Status status) {
        if (verification.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + verification);
        }
    }

    /** The same key with its last checksum digit changed: right shape, wrong checksum. */
    private static String withWrongChecksum(String key) {
        char last = key.charAt(key.length() - 1);
        return key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    @Benchmark
    public KeyVerification cachedValidKey() {
        return cached.verify(validKey);
    }

    @Benchmark
    public KeyVerification malformedKey() {
        return cached.verify(malformedKey);
    }

    /**
     * Warmed longer than the rest: on two cores the store's server side (netty, mongo-java-server,
     * H2) and the driver take about 12 one-second iterations to reach a steady state.
     */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    @Warmup(iterations = 15, time = 1)
    public KeyVerification uncachedLookupEmbeddedStore() {
        return uncached.verify(validKey);
    }

    /** What {@code AuthorizerFilter} does per request from the header to the request's tenant. */
    @Benchmark
    public Object requestTenantCachedValidKey() {
        KeyVerification verification = cached.verify(validKey);
        AuthorizerAnswer answer = AuthorizerAnswer.of(verification);
        return answer.admits() ? verification.tenant() : answer;
    }
}

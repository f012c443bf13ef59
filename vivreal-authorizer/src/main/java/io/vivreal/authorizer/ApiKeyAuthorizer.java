package io.vivreal.authorizer;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Client API authorizer: the seed's Lambda authorizer as a plain component, hosted by the
 * server's filter in front of {@code /tenant/**} and by the AWS Lambda TOKEN authorizer. It answers
 * a {@link KeyVerification}; {@link AuthorizerAnswer} says what each host makes of it.
 *
 * <p>A presented key is checked in this order, cheapest first: absent → {@code MISSING}; wrong
 * shape or checksum → {@code MALFORMED} with no I/O; otherwise its peppered HMAC is looked up
 * under a unique index (never a password hash: keys carry 256 random bits, and every request pays
 * for the check).
 *
 * <p>Decisions — positive and negative — are cached by key hash for at most one second, the bound
 * within which a regenerated key must stop working on every instance; on this instance a
 * regeneration evicts the old key at once ({@link #forget}). A decision in use is reloaded in the
 * background after half its lifetime, so a busy key never makes requests wait for the store; one
 * not reloaded in time expires and the next request loads it. The negative entries mean a flood of
 * the same unknown key reads the store a few times per second at most, and Caffeine coalesces
 * concurrent loads of one key into one read. Store failures are never cached and always fail
 * closed.
 *
 * <p>A decision's lifetime counts from when its store read <em>started</em>, not from when it
 * finished: a read that began before a regeneration may return the old key's owner, and on a slow
 * store counting from the answer would keep that stale decision past the one-second bound.
 */
public final class ApiKeyAuthorizer implements KeyVerifier {

    private static final String BEARER = "Bearer ";

    private final ApiKeyHasher hasher;
    private final ApiKeyLookup lookup;
    private final LoadingCache<String, Decision> decisions;
    private final Ticker ticker;
    private final long ttlNanos;
    private final Map<KeyVerification.Status, LongAdder> outcomes = new EnumMap<>(KeyVerification.Status.class);

    /** A verification and when the store read behind it began (the cache's ticker). */
    private record Decision(KeyVerification verification, long readStartedNanos) {}

    public ApiKeyAuthorizer(
            ApiKeyHasher hasher, ApiKeyLookup lookup, Duration cacheTtl, long cacheSize, Ticker ticker) {
        this(hasher, lookup, cacheTtl, cacheSize, ticker, ForkJoinPool.commonPool());
    }

    /** @param refreshes where background reloads of busy decisions run */
    public ApiKeyAuthorizer(
            ApiKeyHasher hasher,
            ApiKeyLookup lookup,
            Duration cacheTtl,
            long cacheSize,
            Ticker ticker,
            Executor refreshes) {
        if (cacheTtl.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("authorizer decisions may be cached for at most one second");
        }
        for (KeyVerification.Status status : KeyVerification.Status.values()) {
            outcomes.put(status, new LongAdder());
        }
        this.hasher = hasher;
        this.lookup = lookup;
        this.ticker = ticker;
        this.ttlNanos = cacheTtl.toNanos();
        this.decisions = Caffeine.newBuilder()
                .expireAfter(new Expiry<String, Decision>() {
                    @Override
                    public long expireAfterCreate(String key, Decision decision, long now) {
                        return remaining(decision, now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Decision decision, long now, long current) {
                        return remaining(decision, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Decision decision, long now, long current) {
                        return current;
                    }
                })
                .refreshAfterWrite(cacheTtl.dividedBy(2))
                .maximumSize(cacheSize)
                .recordStats()
                .ticker(ticker)
                .executor(refreshes)
                .build(this::load);
    }

    /** How many checks ended in each status since start, for metrics. */
    public long outcomes(KeyVerification.Status status) {
        return outcomes.get(status).sum();
    }

    /** The decision cache's hits, misses and loads, for metrics. */
    public CacheStats cacheStats() {
        return decisions.stats();
    }

    /** Checks the value of an {@code Authorization} header: the raw key, or {@code Bearer <key>}. */
    @Override
    public KeyVerification verify(String authorizationToken) {
        KeyVerification verification = check(authorizationToken);
        outcomes.get(verification.status()).increment();
        return verification;
    }

    /**
     * The outcome when the header alone decides it — {@code MISSING} or {@code MALFORMED}, with no
     * I/O and no secret needed — else null: the key must be looked up.
     */
    public static KeyVerification withoutLookup(String authorizationToken) {
        if (authorizationToken == null || authorizationToken.isBlank()) {
            return KeyVerification.MISSING;
        }
        return ApiKeyFormat.isWellFormed(key(authorizationToken)) ? null : KeyVerification.MALFORMED;
    }

    private static String key(String authorizationToken) {
        return authorizationToken.startsWith(BEARER)
                ? authorizationToken.substring(BEARER.length())
                : authorizationToken;
    }

    private KeyVerification check(String authorizationToken) {
        KeyVerification early = withoutLookup(authorizationToken);
        if (early != null) {
            return early;
        }
        String key = key(authorizationToken);
        String hash = hasher.hash(key);
        try {
            return decisions.get(hash).verification();
        } catch (ApiKeyLookup.StoreUnavailableException e) {
            return KeyVerification.STORE_UNAVAILABLE;
        }
    }

    private Decision load(String hash) {
        long started = ticker.read();
        Optional<Tenant> owner = lookup.findOwner(hash);
        return new Decision(
                owner.map(o -> KeyVerification.valid(o, hash)).orElseGet(() -> KeyVerification.notFound(hash)),
                started);
    }

    private long remaining(Decision decision, long now) {
        return Math.max(0, decision.readStartedNanos() + ttlNanos - now);
    }

    /** Drops any cached decision for a key hash; called when that key is regenerated away. */
    public void forget(String keyHash) {
        decisions.invalidate(keyHash);
    }
}

package io.vivreal.clientapi.authorizer;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vivreal.core.apikey.ApiKeyFormat;
import io.vivreal.core.apikey.ApiKeyHasher;
import io.vivreal.core.apikey.ApiKeyLookup;
import io.vivreal.core.apikey.ApiKeyOwner;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The Client API authorizer: the seed's Lambda authorizer as a plain component.
 *
 * <p>A presented key is checked in this order, cheapest first: absent → Unauthorized; wrong shape
 * or checksum → Deny with no I/O; otherwise its peppered HMAC is looked up under a unique index
 * (never a password hash: keys carry 256 random bits, and every request pays for the check).
 *
 * <p>Decisions — positive and negative — are cached by key hash for at most one second, the bound
 * within which a regenerated key must stop working on every instance; on this instance a
 * regeneration evicts the old key at once ({@link #forget}). A decision in use is reloaded in the
 * background after half its lifetime, so a busy key never makes requests wait for the store; one
 * not reloaded in time expires and the next request loads it. The negative entries mean a flood of
 * the same unknown key reads the store a few times per second at most, and Caffeine coalesces
 * concurrent loads of one key into one read. Store failures are never cached and always fail
 * closed.
 */
public final class ApiKeyAuthorizer implements TokenAuthorizer {

    private static final String BEARER = "Bearer ";

    private final ApiKeyHasher hasher;
    private final ApiKeyLookup lookup;
    private final LoadingCache<String, KeyVerification> decisions;

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
        this.hasher = hasher;
        this.lookup = lookup;
        this.decisions = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .refreshAfterWrite(cacheTtl.dividedBy(2))
                .maximumSize(cacheSize)
                .ticker(ticker)
                .executor(refreshes)
                .build(this::load);
    }

    /** The API Gateway TOKEN-authorizer contract: token and method ARN in, policy out. */
    @Override
    public AuthorizerDecision authorize(String authorizationToken, String methodArn) {
        KeyVerification verification = verify(authorizationToken);
        return switch (verification.status()) {
            case MISSING -> AuthorizerDecision.unauthorized(verification);
            case VALID ->
                AuthorizerDecision.allow(
                        verification.owner().groupID(),
                        methodArn,
                        AuthorizerContext.of(verification.owner()),
                        verification);
            case MALFORMED, NOT_FOUND, STORE_UNAVAILABLE -> AuthorizerDecision.deny(methodArn, verification);
        };
    }

    /** Checks the value of an {@code Authorization} header: the raw key, or {@code Bearer <key>}. */
    public KeyVerification verify(String authorizationToken) {
        if (authorizationToken == null || authorizationToken.isBlank()) {
            return KeyVerification.MISSING;
        }
        String key = authorizationToken.startsWith(BEARER)
                ? authorizationToken.substring(BEARER.length())
                : authorizationToken;
        if (!ApiKeyFormat.isWellFormed(key)) {
            return KeyVerification.MALFORMED;
        }
        String hash = hasher.hash(key);
        try {
            return decisions.get(hash);
        } catch (ApiKeyLookup.StoreUnavailableException e) {
            return KeyVerification.STORE_UNAVAILABLE;
        }
    }

    private KeyVerification load(String hash) {
        Optional<ApiKeyOwner> owner = lookup.findOwner(hash);
        return owner.map(o -> KeyVerification.valid(o, hash)).orElseGet(() -> KeyVerification.notFound(hash));
    }

    /** Drops any cached decision for a key hash; called when that key is regenerated away. */
    public void forget(String keyHash) {
        decisions.invalidate(keyHash);
    }
}

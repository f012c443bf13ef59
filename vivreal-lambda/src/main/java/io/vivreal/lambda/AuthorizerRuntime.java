package io.vivreal.lambda;

import com.github.benmanes.caffeine.cache.Ticker;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import io.vivreal.authorizer.ApiKeyAuthorizer;
import io.vivreal.authorizer.ApiKeyHasher;
import io.vivreal.authorizer.MongoApiKeyLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What one container builds once and reuses for every invocation: the MongoDB client and the
 * authorizer over it.
 *
 * <p>Timeouts are short so that a store that is gone is answered (503, {@link
 * io.vivreal.authorizer.AuthorizerAnswer#SERVICE_UNAVAILABLE}) within about two seconds, well
 * inside the function's timeout. Background reloads of cached
 * decisions run on the invoking thread: a frozen container must not hold half-done work.
 */
final class AuthorizerRuntime {

    /** With the decision cache off, Caffeine keeps nothing: every invocation reads the store. */
    private static final Duration NOMINAL_TTL = Duration.ofSeconds(1);

    private static final long CACHE_SIZE = 10_000;

    private final MongoClient client;
    private final ApiKeyAuthorizer authorizer;

    private AuthorizerRuntime(MongoClient client, ApiKeyAuthorizer authorizer) {
        this.client = client;
        this.authorizer = authorizer;
    }

    static AuthorizerRuntime open(
            LambdaSettings settings, AuthorizerSecrets secrets, Function<MongoClientSettings, MongoClient> clients) {
        MongoClient client = clients.apply(mongoSettings(secrets.mongodbUri()));
        boolean cached = !settings.decisionCache().isZero();
        ApiKeyAuthorizer authorizer = new ApiKeyAuthorizer(
                new ApiKeyHasher(secrets.pepper()),
                new MongoApiKeyLookup(
                        client.getDatabase(settings.controlPlaneDatabase()).getCollection("groups"), Clock.systemUTC()),
                cached ? settings.decisionCache() : NOMINAL_TTL,
                cached ? CACHE_SIZE : 0,
                Ticker.systemTicker(),
                Runnable::run);
        return new AuthorizerRuntime(client, authorizer);
    }

    static MongoClientSettings mongoSettings(String uri) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applicationName("vivreal-lambda-authorizer")
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(
                        socket -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxSize(4).minSize(0))
                .build();
    }

    ApiKeyAuthorizer authorizer() {
        return authorizer;
    }

    MongoClient client() {
        return client;
    }
}

package io.vivreal.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting an operator can change, bound from {@code VIVREAL_*} environment variables through
 * Spring's relaxed binding ({@code VIVREAL_DATA_DIR} is {@code vivreal.data-dir}).
 *
 * @param profile {@code dev} (default) or {@code production}; production refuses generated or
 *     missing secrets
 * @param dataDir where the embedded store and the generated dev secrets live
 * @param mongodbUri an external MongoDB; when blank the embedded store is started
 * @param controlPlaneDatabase the database holding groups, users and other control-plane data
 * @param publicUrl the URL clients use to reach this server; the token issuer
 * @param secrets where secrets come from: {@code env}, {@code file:<dir>}, {@code
 *     aws:<secret-name>}; blank means the environment, then the data directory's generated
 *     secrets in dev
 * @param secretsRefreshInterval how often the secrets are read again, so a rotated context secret
 *     or encryption key ring is used without a restart
 * @param secretsOverlap how long a rotated secret's previous value still verifies and decrypts
 * @param awsEndpoint an AWS Secrets Manager endpoint (LocalStack, a test server); blank means AWS
 * @param oidc an external OpenID Connect issuer the Management API trusts besides its own
 * @param authorizer Client API authorizer tuning
 * @param selfServiceTiers tiers a user may pick when creating a group; others are set by an
 *     operator
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} is believed
 * @param login sign-in limits and the password-hashing pool
 * @param outboundAllowlist hosts or CIDRs that channels may reach although they are private,
 *     loopback or link-local (the SSRF guard refuses those otherwise)
 */
@ConfigurationProperties("vivreal")
public record VivrealProperties(
        @DefaultValue("dev") String profile,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String mongodbUri,
        @DefaultValue("vivreal") String controlPlaneDatabase,
        @DefaultValue("") String publicUrl,
        @DefaultValue("") String secrets,
        @DefaultValue("5m") Duration secretsRefreshInterval,
        @DefaultValue("1h") Duration secretsOverlap,
        @DefaultValue("") String awsEndpoint,
        @DefaultValue Oidc oidc,
        @DefaultValue Authorizer authorizer,
        @DefaultValue("free") List<String> selfServiceTiers,
        @DefaultValue("") List<String> trustedProxies,
        @DefaultValue Login login,
        @DefaultValue("") List<String> outboundAllowlist) {

    public VivrealProperties {
        if (secretsRefreshInterval.compareTo(Duration.ofMillis(100)) < 0 || secretsOverlap.isNegative()) {
            throw new IllegalArgumentException(
                    "vivreal.secrets-refresh-interval must be at least 100ms and vivreal.secrets-overlap not negative");
        }
    }

    public boolean production() {
        return "production".equalsIgnoreCase(profile);
    }

    /**
     * An external issuer, for example a Cognito user pool or a Keycloak realm. An issuer without
     * an audience is refused at start-up: one pool or realm issues tokens to many clients, and
     * trusting the issuer alone would sign in anyone holding a token any of them was given.
     */
    public record Oidc(
            @DefaultValue("") String issuerUri,
            @DefaultValue("") String audience) {
        public Oidc {
            if (!issuerUri.isBlank() && audience.isBlank()) {
                throw new IllegalArgumentException(
                        "VIVREAL_OIDC_ISSUER_URI needs VIVREAL_OIDC_AUDIENCE: the client id this server's users"
                                + " sign in with (a Cognito app client id, a Keycloak client id)");
            }
        }

        public boolean configured() {
            return !issuerUri.isBlank();
        }
    }

    /**
     * @param cacheTtl how long an authorizer decision may be reused; never more than one second,
     *     the bound within which a regenerated key must stop working on every instance
     * @param cacheSize the most decisions kept, so a flood of distinct keys cannot exhaust memory
     * @param usageFlushInterval how often remembered {@code lastUsedAt} times are written
     */
    public record Authorizer(
            @DefaultValue("500ms") Duration cacheTtl,
            @DefaultValue("100000") long cacheSize,
            @DefaultValue("30s") Duration usageFlushInterval) {
        public Authorizer {
            if (cacheTtl.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException(
                        "vivreal.authorizer.cache-ttl must be at most 1s: a regenerated key must stop working within one second");
            }
        }
    }

    /**
     * @param attemptsPerAddress sign-in attempts one client address may make per window
     * @param attemptsPerAccount sign-in attempts one email may receive per window, from any address
     *     (slows password spraying spread over many addresses)
     * @param window the fixed window both limits count in
     * @param hashingThreads threads that hash passwords; a flood of sign-ins uses at most these
     * @param hashingQueue sign-ins waiting for a hashing thread; beyond it they are answered 429
     */
    public record Login(
            @DefaultValue("10") int attemptsPerAddress,
            @DefaultValue("10") int attemptsPerAccount,
            @DefaultValue("15m") Duration window,
            @DefaultValue("1") int hashingThreads,
            @DefaultValue("32") int hashingQueue) {
        public Login {
            if (attemptsPerAddress < 1 || attemptsPerAccount < 1 || hashingThreads < 1 || hashingQueue < 1) {
                throw new IllegalArgumentException("vivreal.login limits and pool sizes must be at least 1");
            }
        }
    }
}

package io.vivreal.distribution.connections;

import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.CredentialDecryptionException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected channel's access token for one send, refreshed first when less than {@link
 * #REFRESH_BEFORE} is left. Only the worker whose compare-and-set on the connection's revision
 * claims the refresh calls the token endpoint — providers may rotate refresh tokens, and two
 * refreshes with the same one can revoke both — the others use the still-valid token or retry
 * shortly. A refused refresh ({@code invalid_grant}) or a refused token ({@link #rejected}) marks
 * the connection {@code needsReconnect}.
 */
public final class ConnectionTokens {

    private static final Logger log = LoggerFactory.getLogger(ConnectionTokens.class);

    public static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    static final Duration CLAIM = Duration.ofSeconds(30);

    /** Why no token is available: a person must reconnect (final), or try again shortly. */
    public static final String NEEDS_RECONNECT = "needs_reconnect";

    public static final String REFRESHING = "token_refreshing";
    public static final String UNREADABLE = "credential_unreadable";

    /** A token, or the reason there is none. */
    public record Lookup(AccessToken token, String problem) {
        static Lookup of(AccessToken token) {
            return new Lookup(token, null);
        }

        static Lookup problem(String problem) {
            return new Lookup(null, problem);
        }

        public boolean found() {
            return token != null;
        }
    }

    private final ConnectionRepository repository;
    private final OAuthProviders providers;
    private final TokenEndpoint endpoint;
    private final CredentialCipher cipher;
    private final GroupRepository groups;
    private final Clock clock;

    ConnectionTokens(
            ConnectionRepository repository,
            OAuthProviders providers,
            TokenEndpoint endpoint,
            CredentialCipher cipher,
            GroupRepository groups,
            Clock clock) {
        this.repository = repository;
        this.providers = providers;
        this.endpoint = endpoint;
        this.cipher = cipher;
        this.groups = groups;
        this.clock = clock;
    }

    public Lookup current(ChannelTarget target, OutboundHttp http) {
        Optional<TenantScope> scope = groups.findById(target.groupID()).map(Group::scope);
        Optional<OAuthProvider> provider = providers.of(target.type());
        if (scope.isEmpty() || provider.isEmpty()) {
            return Lookup.problem(NEEDS_RECONNECT);
        }
        Optional<StoredConnection> found = repository.find(scope.get(), target.id());
        if (found.isEmpty() || found.get().status() != ConnectionStatus.CONNECTED) {
            return Lookup.problem(NEEDS_RECONNECT);
        }
        StoredConnection connection = found.get();
        Instant now = clock.instant();
        boolean fresh = connection.expiresAt() == null
                || connection.expiresAt().minus(REFRESH_BEFORE).isAfter(now);
        if (fresh) {
            return token(connection);
        }
        boolean expired = !connection.expiresAt().isAfter(now);
        if (connection.refreshToken() == null) {
            if (expired) {
                repository.needsReconnect(scope.get(), target.id(), connection.revision(), now);
                return Lookup.problem(NEEDS_RECONNECT);
            }
            return token(connection);
        }
        if (!repository.claimRefresh(scope.get(), target.id(), connection.revision(), now, now.plus(CLAIM))) {
            // another worker is refreshing: its old token still works until it expires
            return expired ? Lookup.problem(REFRESHING) : token(connection);
        }
        return refresh(scope.get(), provider.get(), connection, expired, http, now);
    }

    private Lookup refresh(
            TenantScope scope,
            OAuthProvider provider,
            StoredConnection connection,
            boolean expired,
            OutboundHttp http,
            Instant now) {
        String refreshToken;
        try {
            refreshToken = cipher.decrypt(
                    connection.refreshToken(),
                    ConnectionService.tokenBinding(
                            connection.groupID(), connection.channelId(), ConnectionService.REFRESH));
        } catch (CredentialDecryptionException | IllegalArgumentException e) {
            repository.releaseRefresh(scope, connection.channelId(), connection.revision());
            return Lookup.problem(UNREADABLE);
        }
        TokenEndpoint.Result result = endpoint.refresh(provider, refreshToken, http, now);
        if (!result.ok()) {
            log.warn(
                    "channel {} of group {}: refreshing the {} token failed: {}",
                    connection.channelId(),
                    connection.groupID(),
                    provider.type().wireName(),
                    result.error());
            if (result.rejected()) {
                repository.needsReconnect(scope, connection.channelId(), connection.revision(), now);
                return Lookup.problem(NEEDS_RECONNECT);
            }
            repository.releaseRefresh(scope, connection.channelId(), connection.revision());
            return expired ? Lookup.problem(REFRESHING) : token(connection);
        }
        TokenEndpoint.Tokens issued = result.tokens();
        String access = cipher.encrypt(
                issued.accessToken(),
                ConnectionService.tokenBinding(connection.groupID(), connection.channelId(), ConnectionService.ACCESS));
        String refresh = issued.refreshToken() == null
                ? connection.refreshToken()
                : cipher.encrypt(
                        issued.refreshToken(),
                        ConnectionService.tokenBinding(
                                connection.groupID(), connection.channelId(), ConnectionService.REFRESH));
        Instant refreshExpiresAt =
                issued.refreshToken() == null ? connection.refreshExpiresAt() : issued.refreshExpiresAt();
        if (!repository.refreshed(
                scope,
                connection.channelId(),
                connection.revision(),
                access,
                refresh,
                issued.expiresAt(),
                refreshExpiresAt,
                now)) {
            return Lookup.problem(REFRESHING); // reconnected or disconnected meanwhile
        }
        return Lookup.of(new AccessToken(issued.accessToken(), connection.accountId(), connection.revision() + 1));
    }

    /** The platform refused this token (401): the connection needs a person to connect again. */
    public void rejected(ChannelTarget target, AccessToken token) {
        groups.findById(target.groupID()).map(Group::scope).ifPresent(scope -> {
            if (repository.needsReconnect(scope, target.id(), token.revision(), clock.instant())) {
                log.info(
                        "channel {} of group {}: the platform refused its token; it needs reconnecting",
                        target.id(),
                        target.groupID());
            }
        });
    }

    private Lookup token(StoredConnection connection) {
        try {
            return Lookup.of(new AccessToken(
                    cipher.decrypt(
                            connection.accessToken(),
                            ConnectionService.tokenBinding(
                                    connection.groupID(), connection.channelId(), ConnectionService.ACCESS)),
                    connection.accountId(),
                    connection.revision()));
        } catch (CredentialDecryptionException | IllegalArgumentException e) {
            return Lookup.problem(UNREADABLE);
        }
    }
}

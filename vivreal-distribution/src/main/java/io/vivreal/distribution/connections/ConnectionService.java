package io.vivreal.distribution.connections;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.crypto.CredentialBinding;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.CredentialDecryptionException;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.web.PublicUrl;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connecting a channel to an account through OAuth 2.0 (RFC 6749 §4.1) with PKCE S256 (RFC 7636).
 * {@link #start} is a member's request (owners and admins; the caller authorises first): it draws
 * a 256-bit {@code state} and a 256-bit verifier, keeps the state's hash with the encrypted
 * verifier for 10 minutes, bound to the group, the channel and the member, and answers the
 * provider's authorization URL. {@link #complete} is the provider sending the browser back: an
 * unknown, expired or already-used state is a 400 and nothing is stored; otherwise the code is
 * exchanged (client secret and verifier) through the outbound client, the account is read from
 * userinfo, and the tokens are stored encrypted, bound to (group, channel, field).
 *
 * <p>The state is single-use and only its hash is stored, so neither a replayed callback nor a
 * copy of the store can attach an account to a channel; the verifier means an intercepted code is
 * useless without the server's copy.
 */
public final class ConnectionService {

    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    public static final String CALLBACK_PATH = "/auth/connections/callback";
    private static final int MAX_STATE = 128;

    /** How a callback ended, for the portal's result flag. */
    public enum Outcome {
        CONNECTED("connected"),
        DENIED("denied"),
        FAILED("failed");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A callback's result: the outcome and the channel it was for. */
    public record Completion(Outcome outcome, String channelId) {}

    private final ChannelService channels;
    private final OAuthProviders providers;
    private final PendingAuthorizations pending;
    private final ConnectionRepository repository;
    private final TokenEndpoint tokens;
    private final CredentialCipher cipher;
    private final OutboundHttp http;
    private final GroupRepository groups;
    private final PublicUrl publicUrl;
    private final AuditLog audit;
    private final SecureRandom random;
    private final Clock clock;

    ConnectionService(
            ChannelService channels,
            OAuthProviders providers,
            PendingAuthorizations pending,
            ConnectionRepository repository,
            TokenEndpoint tokens,
            CredentialCipher cipher,
            OutboundHttp http,
            GroupRepository groups,
            PublicUrl publicUrl,
            AuditLog audit,
            SecureRandom random,
            Clock clock) {
        this.channels = channels;
        this.providers = providers;
        this.pending = pending;
        this.repository = repository;
        this.tokens = tokens;
        this.cipher = cipher;
        this.http = http;
        this.groups = groups;
        this.publicUrl = publicUrl;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    /** Starts connecting {@code channelId}; answers the URL to send the member's browser to. */
    public String start(Group group, String userId, String channelId) {
        TenantScope scope = group.scope();
        ChannelType type = typeOf(scope, channelId);
        OAuthProvider provider = providers
                .of(type)
                .orElseThrow(() -> DomainException.invalid(
                        "channelId",
                        "a " + type.wireName() + " channel does not connect to an account; its settings hold"
                                + " its credentials"));
        if (!provider.configured()) {
            throw DomainException.conflict(
                    "provider_not_configured",
                    "this server has no " + provider.displayName() + " app configured; an operator must add its"
                            + " client id and secret (docs/CONNECTIONS.md)");
        }
        String state = randomToken();
        String verifier = randomToken();
        String hash = hash(state);
        Instant now = clock.instant();
        pending.insert(
                hash,
                new PendingAuthorizations.Pending(
                        group.id(),
                        channelId,
                        userId,
                        cipher.encrypt(verifier, verifierBinding(group.id(), hash)),
                        now.plus(STATE_LIFETIME)));
        URI url = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(provider.clientId()))
                .endpointURI(provider.authorizeUrl())
                .redirectionURI(redirectUri())
                .scope(new Scope(provider.scopes().toArray(String[]::new)))
                .state(new State(state))
                .codeChallenge(new CodeVerifier(verifier), CodeChallengeMethod.S256)
                .build()
                .toURI();
        audit.record(scope, "connection.started", userId, "channel", channelId);
        return url.toString();
    }

    /**
     * The provider's redirect back: {@code state} is checked and used up first; then either the
     * provider's {@code error} is reported or the code exchanged.
     */
    public Completion complete(String state, String code, String error) {
        if (state == null || state.isBlank() || state.length() > MAX_STATE) {
            throw invalidState();
        }
        String hash = hash(state);
        PendingAuthorizations.Pending started = pending.take(hash).orElseThrow(ConnectionService::invalidState);
        Instant now = clock.instant();
        if (!started.expiresAt().isAfter(now)) {
            throw invalidState();
        }
        Group group = groups.findById(started.groupID()).orElseThrow(ConnectionService::invalidState);
        TenantScope scope = group.scope();
        String channelId = started.channelId();
        ChannelType type;
        try {
            type = typeOf(scope, channelId);
        } catch (DomainException e) {
            return new Completion(Outcome.FAILED, channelId); // deleted meanwhile
        }
        Optional<OAuthProvider> provider = providers.of(type);
        if (provider.isEmpty()) {
            return new Completion(Outcome.FAILED, channelId);
        }
        if (error != null) {
            audit.record(scope, "connection.denied", started.userId(), "channel", channelId);
            return new Completion(Outcome.DENIED, channelId);
        }
        if (code == null || code.isBlank() || code.length() > 2048) {
            return new Completion(Outcome.FAILED, channelId);
        }
        String verifier;
        try {
            verifier = cipher.decrypt(started.verifier(), verifierBinding(group.id(), hash));
        } catch (CredentialDecryptionException | IllegalArgumentException e) {
            log.warn("connection of channel {} in group {}: the stored verifier cannot be read", channelId, group.id());
            return new Completion(Outcome.FAILED, channelId);
        }
        TokenEndpoint.Result result = tokens.exchange(provider.get(), code, redirectUri(), verifier, http, now);
        if (!result.ok()) {
            log.warn(
                    "connection of channel {} in group {}: the {} token request failed: {}",
                    channelId,
                    group.id(),
                    type.wireName(),
                    result.error());
            return new Completion(Outcome.FAILED, channelId);
        }
        TokenEndpoint.Tokens issued = result.tokens();
        Optional<TokenEndpoint.Account> account = tokens.userinfo(provider.get(), issued.accessToken(), http);
        if (account.isEmpty()) {
            log.warn(
                    "connection of channel {} in group {}: the {} userinfo answer named no usable account",
                    channelId,
                    group.id(),
                    type.wireName());
            return new Completion(Outcome.FAILED, channelId);
        }
        repository.connect(
                scope,
                new StoredConnection(
                        channelId,
                        group.id(),
                        ConnectionStatus.CONNECTED,
                        account.get().id(),
                        account.get().handle(),
                        cipher.encrypt(issued.accessToken(), tokenBinding(group.id(), channelId, ACCESS)),
                        issued.refreshToken() == null
                                ? null
                                : cipher.encrypt(issued.refreshToken(), tokenBinding(group.id(), channelId, REFRESH)),
                        issued.expiresAt(),
                        issued.refreshExpiresAt(),
                        0,
                        null,
                        now,
                        now));
        audit.record(scope, "connection.connected", started.userId(), "channel", channelId);
        return new Completion(Outcome.CONNECTED, channelId);
    }

    /** Removes the channel's tokens; the channel stays, {@code disconnected}. */
    public void disconnect(Group group, String userId, String channelId) {
        TenantScope scope = group.scope();
        typeOf(scope, channelId);
        repository.delete(scope, channelId);
        audit.record(scope, "connection.disconnected", userId, "channel", channelId);
    }

    /** Forgets the tokens of a channel being deleted. */
    public void forget(TenantScope scope, String channelId) {
        repository.delete(scope, channelId);
    }

    /**
     * The connection as a channel's answer shows it — {@code status}, {@code accountHandle},
     * {@code expiresAt} — or empty for a type that does not connect through OAuth.
     */
    public Optional<Map<String, Object>> view(TenantScope scope, String channelId, String type) {
        ChannelType parsed;
        try {
            parsed = ChannelType.parse(type);
        } catch (DomainException e) {
            return Optional.empty();
        }
        if (!providers.connects(parsed)) {
            return Optional.empty();
        }
        return Optional.of(repository
                .find(scope, channelId)
                .map(StoredConnection::toWire)
                .orElseGet(() -> {
                    Map<String, Object> none = new java.util.LinkedHashMap<>();
                    none.put("status", ConnectionStatus.DISCONNECTED.wire());
                    none.put("accountHandle", null);
                    none.put("expiresAt", null);
                    return none;
                }));
    }

    /** The redirect URI registered with every provider. */
    public URI redirectUri() {
        return URI.create(publicUrl.value() + CALLBACK_PATH);
    }

    private ChannelType typeOf(TenantScope scope, String channelId) {
        return ChannelType.parse(channels.get(scope, channelId).get("type"));
    }

    static final String ACCESS = "accessToken";
    static final String REFRESH = "refreshToken";

    static CredentialBinding tokenBinding(String groupId, String channelId, String field) {
        return new CredentialBinding(groupId, channelId, ConnectionRepository.COLLECTION + "." + field);
    }

    private static CredentialBinding verifierBinding(String groupId, String stateHash) {
        return new CredentialBinding(groupId, stateHash, PendingAuthorizations.COLLECTION + ".verifier");
    }

    private static DomainException invalidState() {
        return new DomainException(
                DomainException.Kind.INVALID,
                "invalid_state",
                "this connection link is not valid, has expired or was already used; start connecting again"
                        + " from the channels page",
                "state");
    }

    /** 256 random bits, base64url without padding: a state, or a 43-character PKCE verifier. */
    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

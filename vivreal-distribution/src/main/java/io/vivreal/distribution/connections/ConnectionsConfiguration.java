package io.vivreal.distribution.connections;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.core.web.PublicUrl;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OAuth providers and the connection flow. LinkedIn: {@code VIVREAL_CONNECTIONS_LINKEDIN_CLIENT_ID}
 * and the secret {@code linkedin-client-secret} ({@code VIVREAL_SECRET_LINKEDIN_CLIENT_SECRET} or
 * the file in the secrets directory); endpoints default to LinkedIn's and can be pointed elsewhere
 * ({@code ..._AUTHORIZE_URL}, {@code ..._TOKEN_URL}, {@code ..._USERINFO_URL}, {@code ..._API_URL})
 * — tests point them at a local fake. See docs/CONNECTIONS.md.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectionsConfiguration {

    public static final String LINKEDIN_SECRET = "linkedin-client-secret";

    @Bean
    ClientSecrets clientSecrets(VivrealProperties properties) {
        String source = properties.secrets().strip();
        Optional<Path> directory;
        if (source.startsWith("file:")) {
            directory = Optional.of(Path.of(source.substring("file:".length())));
        } else if (source.isEmpty()) {
            directory = Optional.of(properties.dataDir().resolve("secrets"));
        } else {
            directory = Optional.empty();
        }
        return new ClientSecrets(System.getenv(), directory);
    }

    @Bean
    OAuthProviders oauthProviders(
            ClientSecrets secrets,
            @Value("${vivreal.connections.linkedin.client-id:}") String clientId,
            @Value("${vivreal.connections.linkedin.authorize-url:https://www.linkedin.com/oauth/v2/authorization}")
                    String authorizeUrl,
            @Value("${vivreal.connections.linkedin.token-url:https://www.linkedin.com/oauth/v2/accessToken}")
                    String tokenUrl,
            @Value("${vivreal.connections.linkedin.userinfo-url:https://api.linkedin.com/v2/userinfo}")
                    String userinfoUrl) {
        return new OAuthProviders(List.of(new OAuthProvider(
                ChannelType.LINKEDIN,
                "LinkedIn",
                URI.create(authorizeUrl),
                URI.create(tokenUrl),
                URI.create(userinfoUrl),
                List.of("openid", "profile", "w_member_social"),
                clientId,
                () -> secrets.find(LINKEDIN_SECRET))));
    }

    @Bean
    PendingAuthorizations pendingAuthorizations(ControlPlane controlPlane, Clock clock) {
        return new PendingAuthorizations(controlPlane, clock);
    }

    @Bean
    ConnectionRepository connectionRepository(TenantStore store) {
        return new ConnectionRepository(store);
    }

    /** The connections' tokens, for {@code ./vivreal admin rotate-encryption-key}. */
    @Bean
    EncryptedFieldStore connectionSecrets(GroupRepository groups, ConnectionRepository repository) {
        return new ConnectionSecretsStore(groups, repository);
    }

    @Bean
    ConnectionTokens connectionTokens(
            ConnectionRepository repository,
            OAuthProviders providers,
            CredentialCipher cipher,
            GroupRepository groups,
            Clock clock) {
        return new ConnectionTokens(repository, providers, new TokenEndpoint(), cipher, groups, clock);
    }

    @Bean
    ConnectionService connectionService(
            ChannelService channels,
            OAuthProviders providers,
            PendingAuthorizations pending,
            ConnectionRepository repository,
            CredentialCipher cipher,
            OutboundHttp http,
            GroupRepository groups,
            PublicUrl publicUrl,
            AuditLog audit,
            SecureRandom random,
            Clock clock) {
        return new ConnectionService(
                channels,
                providers,
                pending,
                repository,
                new TokenEndpoint(),
                cipher,
                http,
                groups,
                publicUrl,
                audit,
                random,
                clock);
    }
}

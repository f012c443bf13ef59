package io.vivreal.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The secrets settings bind from the environment variables the README documents. */
class VivrealPropertiesTests {

    private static VivrealProperties bind(Map<String, Object> environment) {
        StandardEnvironment spring = new StandardEnvironment();
        MutablePropertySources sources = spring.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        // named like the real one, so the binder maps VIVREAL_A_B_C onto nested properties as it does in production
        sources.addFirst(new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(spring)).bindOrCreate("vivreal", VivrealProperties.class);
    }

    @Test
    void theSecretsSettingsBindFromTheirEnvironmentVariables() {
        VivrealProperties properties = bind(Map.of(
                "VIVREAL_SECRETS", "aws:prod/vivreal",
                "VIVREAL_SECRETS_REFRESH_INTERVAL", "30s",
                "VIVREAL_SECRETS_OVERLAP", "2h",
                "VIVREAL_AWS_ENDPOINT", "http://localhost:4566"));

        assertThat(properties.secrets()).isEqualTo("aws:prod/vivreal");
        assertThat(properties.secretsRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.secretsOverlap()).isEqualTo(Duration.ofHours(2));
        assertThat(properties.awsEndpoint()).isEqualTo("http://localhost:4566");
    }

    @Test
    void theSecretsSettingsDefaultToFiveMinutesAndOneHourAndAws() {
        VivrealProperties properties = bind(Map.of());

        assertThat(properties.secretsRefreshInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.secretsOverlap()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.awsEndpoint()).isEmpty();
    }

    @Test
    void aRefreshIntervalBelowOneHundredMillisecondsIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("VIVREAL_SECRETS_REFRESH_INTERVAL", "10ms")))
                .hasRootCauseMessage("vivreal.secrets-refresh-interval must be at least 100ms and"
                        + " vivreal.secrets-overlap not negative");
    }

    @Test
    void anExternalIssuerWithoutAnAudienceIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("VIVREAL_OIDC_ISSUER_URI", "https://cognito-idp.example/pool")))
                .hasRootCauseMessage("VIVREAL_OIDC_ISSUER_URI needs VIVREAL_OIDC_AUDIENCE: the client id this"
                        + " server's users sign in with (a Cognito app client id, a Keycloak client id)");

        VivrealProperties both = bind(Map.of(
                "VIVREAL_OIDC_ISSUER_URI", "https://cognito-idp.example/pool", "VIVREAL_OIDC_AUDIENCE", "client-1"));
        assertThat(both.oidc().audience()).isEqualTo("client-1");
    }
}

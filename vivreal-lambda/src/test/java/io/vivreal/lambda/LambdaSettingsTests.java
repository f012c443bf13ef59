package io.vivreal.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaSettingsTests {

    @Test
    void defaultsWhenOnlyTheSecretIsNamed() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of("VIVREAL_SECRET_ID", "vivreal/prod"));

        assertThat(settings.secretId()).isEqualTo("vivreal/prod");
        assertThat(settings.endpointOverride()).isNull();
        assertThat(settings.controlPlaneDatabase()).isEqualTo("vivreal");
        assertThat(settings.decisionCache()).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsEndpointDatabaseAndCache() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of(
                "VIVREAL_SECRET_ID", "vivreal/prod",
                "VIVREAL_AWS_ENDPOINT", "https://vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com",
                "VIVREAL_CONTROL_PLANE_DATABASE", "control",
                "VIVREAL_AUTHORIZER_CACHE_MILLIS", "500"));

        assertThat(settings.endpointOverride())
                .isEqualTo(URI.create("https://vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com"));
        assertThat(settings.controlPlaneDatabase()).isEqualTo("control");
        assertThat(settings.decisionCache()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refuseAMissingSecretName() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of())).hasMessageContaining("VIVREAL_SECRET_ID");
    }

    @Test
    void refuseACacheBeyondTheOneSecondRevocationBound() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(
                        Map.of("VIVREAL_SECRET_ID", "s", "VIVREAL_AUTHORIZER_CACHE_MILLIS", "1001")))
                .hasMessageContaining("1000");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(
                        Map.of("VIVREAL_SECRET_ID", "s", "VIVREAL_AUTHORIZER_CACHE_MILLIS", "-1")))
                .hasMessageContaining("1000");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(
                        Map.of("VIVREAL_SECRET_ID", "s", "VIVREAL_AUTHORIZER_CACHE_MILLIS", "1s")))
                .hasMessageContaining("milliseconds");
    }
}

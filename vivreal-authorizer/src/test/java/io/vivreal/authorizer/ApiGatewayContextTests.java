package io.vivreal.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pinned: the string context API Gateway receives from the Lambda and forwards. */
class ApiGatewayContextTests {

    @Test
    void exactlyTheSeedsFiveNamesAsStringsInOrder() {
        Tenant tenant = new Tenant("0123456789abcdef01234567", "Acme", "general_shared", "acme-x1", "pro", false);

        assertThat(ApiGatewayContext.of(tenant))
                .containsExactly(
                        Map.entry("database", "general_shared"),
                        Map.entry("bucketName", "acme-x1"),
                        Map.entry("groupID", "0123456789abcdef01234567"),
                        Map.entry("groupName", "Acme"),
                        Map.entry("tier", "pro"));
    }

    @Test
    void frozenIsNeverForwardedAsATruthyString() {
        Tenant frozen = new Tenant("0123456789abcdef01234567", "Acme", "general_shared", "acme-x1", "pro", true);

        assertThat(ApiGatewayContext.of(frozen)).doesNotContainKey("frozen").hasSize(5);
    }

    @Test
    void aMissingValueIsLeftOutBecauseApiGatewayRefusesNulls() {
        Tenant partial = new Tenant("0123456789abcdef01234567", null, "general_shared", "acme-x1", null, false);

        assertThat(ApiGatewayContext.of(partial))
                .containsOnlyKeys("database", "bucketName", "groupID")
                .doesNotContainValue(null);
    }
}

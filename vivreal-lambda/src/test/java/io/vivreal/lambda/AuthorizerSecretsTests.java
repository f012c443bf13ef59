package io.vivreal.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthorizerSecretsTests {

    private static final String PEPPER = "9E2NYf42YH1En5np+Yo9ARThG58I8kPWu/2gNj0hgqA=";
    private static final String URI = "mongodb://vivreal:s3cr3t-pw@db.internal:27017/?tls=true";

    @Test
    void readsBothFieldsAndNeverShowsThem() {
        AuthorizerSecrets secrets =
                AuthorizerSecrets.fromJson("{\"mongodb-uri\":\"" + URI + "\",\"api-key-pepper\":\"" + PEPPER + "\"}");

        assertThat(secrets.mongodbUri()).isEqualTo(URI);
        assertThat(secrets.pepper()).hasSize(32);
        assertThat(secrets.toString()).doesNotContain("s3cr3t").doesNotContain(PEPPER);
    }

    @Test
    void refuseUnfitSecretsNamingTheFieldButNotTheValue() {
        assertRefused("not json " + PEPPER, "not valid JSON");
        assertRefused("[\"" + PEPPER + "\"]", "not a JSON object");
        assertRefused("{\"api-key-pepper\":\"" + PEPPER + "\"}", "mongodb-uri");
        assertRefused("{\"mongodb-uri\":\"" + URI + "\"}", "api-key-pepper");
        assertRefused("{\"mongodb-uri\":\"http://s3cr3t\",\"api-key-pepper\":\"" + PEPPER + "\"}", "mongodb-uri");
        assertRefused("{\"mongodb-uri\":\"" + URI + "\",\"api-key-pepper\":\"s3cr3t!!\"}", "base64");
        assertRefused("{\"mongodb-uri\":\"" + URI + "\",\"api-key-pepper\":\"czNjcjN0\"}", "at least 32 bytes");
        assertRefused("{\"mongodb-uri\":\"" + URI + "\",\"api-key-pepper\":32}", "api-key-pepper");
    }

    private static void assertRefused(String json, String reason) {
        assertThatThrownBy(() -> AuthorizerSecrets.fromJson(json))
                .isInstanceOf(AuthorizerSecrets.SecretsException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("s3cr3t")
                        .doesNotContain("czNjcjN0")
                        .doesNotContain(PEPPER));
    }
}

package io.vivreal.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code VIVREAL_PROFILE=production} refuses missing and development secrets, naming them, never showing them. */
class ProductionSecretsIT {

    private static final String SMTP_PASSWORD = "smtp-password-never-printed";

    private static Path dataDir(String name) {
        return Path.of("target", "it-data", name + "-" + UUID.randomUUID()).toAbsolutePath();
    }

    @Test
    void refusesToStartWithMissingSecretsAndNamesThem() throws Exception {
        Path dataDir = dataDir("prod-missing");
        try (ServerProcess server = ServerProcess.start(
                dataDir,
                Map.of(
                        "VIVREAL_PROFILE",
                        "production",
                        "VIVREAL_SECRETS",
                        "env",
                        "VIVREAL_PUBLIC_URL",
                        "https://cms.example.com"))) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output())
                    .contains(
                            "api-key-pepper",
                            "VIVREAL_SECRET_API_KEY_PEPPER",
                            "jwt-signing-key",
                            "encryption-keys",
                            "context-secret");
        }
        assertThat(dataDir.resolve("secrets")).doesNotExist();
    }

    @Test
    void refusesDevelopmentSecretsAndNeverPrintsThem() throws Exception {
        Path dataDir = dataDir("prod-dev-secrets");
        // a development run generates its secrets
        try (ServerProcess dev = ServerProcess.start(dataDir, Map.of()).awaitHealthy()) {
            assertThat(dataDir.resolve("secrets/api-key-pepper")).exists();
        }
        String pepper = Files.readString(dataDir.resolve("secrets/api-key-pepper"))
                .strip()
                .replace("dev-generated:", "");

        try (ServerProcess server = ServerProcess.start(
                dataDir, Map.of("VIVREAL_PROFILE", "production", "VIVREAL_PUBLIC_URL", "https://cms.example.com"))) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output())
                    .contains("api-key-pepper", "generated development secret")
                    .doesNotContain(pepper);
        }
    }

    @Test
    void startsWithOperatorGeneratedSecrets() throws Exception {
        Path dataDir = dataDir("prod-ok");
        Path secrets = dataDir.resolveSibling(dataDir.getFileName() + "-secrets");
        ServerProcess.Result generated =
                ServerProcess.run(dataDir, Map.of(), "admin", "generate-secrets", secrets.toString());
        assertThat(generated.exitCode()).as(generated.output()).isZero();
        assertThat(Files.readString(secrets.resolve("api-key-pepper"))).doesNotContain("dev-generated");

        try (ServerProcess server = ServerProcess.start(
                        dataDir,
                        Map.of(
                                "VIVREAL_PROFILE", "production",
                                "VIVREAL_SECRETS", "file:" + secrets,
                                "VIVREAL_PUBLIC_URL", "https://cms.example.com",
                                "VIVREAL_SMTP_URL", "smtps://mailer:" + SMTP_PASSWORD + "@smtp.example.com",
                                "VIVREAL_MAIL_FROM", "Vivreal <no-reply@cms.example.com>"))
                .awaitHealthy()) {
            assertThat(server.http
                            .get("/.well-known/openid-configuration")
                            .json()
                            .get("issuer")
                            .asString())
                    .isEqualTo("https://cms.example.com");
            assertThat(server.output())
                    .contains("mail goes to smtps://smtp.example.com:465 (TLS, authenticated)")
                    .doesNotContain(SMTP_PASSWORD)
                    .doesNotContain(
                            Files.readString(secrets.resolve("api-key-pepper")).strip());
        }
    }

    @Test
    void refusesToStartWithoutSmtpForItsMail() throws Exception {
        Path dataDir = dataDir("prod-no-smtp");
        Path secrets = dataDir.resolveSibling(dataDir.getFileName() + "-secrets");
        ServerProcess.Result generated =
                ServerProcess.run(dataDir, Map.of(), "admin", "generate-secrets", secrets.toString());
        assertThat(generated.exitCode()).as(generated.output()).isZero();

        try (ServerProcess server = ServerProcess.start(
                dataDir,
                Map.of(
                        "VIVREAL_PROFILE", "production",
                        "VIVREAL_SECRETS", "file:" + secrets,
                        "VIVREAL_PUBLIC_URL", "https://cms.example.com"))) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output()).contains("production needs VIVREAL_SMTP_URL");
        }
        assertThat(dataDir.resolve("mail")).doesNotExist();
    }
}

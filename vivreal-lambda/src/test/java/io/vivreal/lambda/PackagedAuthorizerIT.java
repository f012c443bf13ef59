package io.vivreal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The deployment jar as Lambda would load it: a fresh JVM whose class path is the shaded jar (plus
 * {@link PackagedHandlerMain}), configured only through the environment variables Lambda sets —
 * {@code AWS_REGION}, the role's credentials as {@code AWS_ACCESS_KEY_ID}/{@code
 * AWS_SECRET_ACCESS_KEY} — and ours. Proves the jar carries everything the handler loads, and
 * nothing of Spring.
 */
class PackagedAuthorizerIT {

    private static final String PEPPER = "9E2NYf42YH1En5np+Yo9ARThG58I8kPWu/2gNj0hgqA=";
    private static final String KEY = "vr_UaoEiBJR6ZMuYx1UNXewRi9MkO5UNMnOWUkL0kWXaCh0t7Kpj";
    private static final String UNKNOWN = "vr_ELaQP8fOOfyaKGdA0ln0NQysJy1RyReZ4oI64RjfPib463J1S";
    private static final String ARN =
            "arn:aws:execute-api:eu-west-1:123456789012:k3x9ab12cd/live/GET/tenant/siteDetails";

    @Test
    void theShadedJarHoldsNoSpringNoServletContainerAndNoBootLoader() throws IOException {
        try (JarFile jar = new JarFile(shadedJar().toFile())) {
            List<String> names =
                    jar.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertThat(names).contains("io/vivreal/lambda/TokenAuthorizerHandler.class");
            assertThat(names)
                    .noneMatch(n -> n.startsWith("org/springframework/"))
                    .noneMatch(n -> n.startsWith("org/apache/catalina/") || n.startsWith("jakarta/servlet/"))
                    .noneMatch(n -> n.startsWith("io/netty/") || n.startsWith("org/apache/http/"));
        }
    }

    @Test
    void theShadedJarAnswersAsTheLambdaRuntimeWouldInvokeIt() throws Exception {
        try (SeededStore store = SeededStore.start(Base64.getDecoder().decode(PEPPER));
                FakeSecretsManager secretsManager = FakeSecretsManager.start()) {
            String groupId = store.addGroup("Acme Studio", "pro", false, KEY);
            secretsManager.put(
                    "vivreal/packaged",
                    "{\"mongodb-uri\":" + FakeSecretsManager.quote(store.connectionString()) + ",\"api-key-pepper\":\""
                            + PEPPER + "\"}");

            List<String> lines = run(
                    Map.of(
                            "VIVREAL_SECRET_ID", "vivreal/packaged",
                            "VIVREAL_AWS_ENDPOINT", secretsManager.endpoint().toString(),
                            "AWS_REGION", "eu-west-1",
                            "AWS_ACCESS_KEY_ID", "AKIDVIVREALTEST",
                            "AWS_SECRET_ACCESS_KEY", "vivreal-test-secret-access-key"),
                    ARN,
                    "Bearer " + KEY,
                    "Bearer " + UNKNOWN,
                    "not-a-key",
                    KEY);

            assertThat(lines).contains("spring absent");
            List<String> answers = lines.stream()
                    .filter(l -> l.startsWith("answer "))
                    .map(l -> l.replaceAll(" \\d+ms$", ""))
                    .toList();
            assertThat(answers)
                    .containsExactly(
                            "answer Allow " + groupId + " Acme Studio",
                            "answer Deny anonymous -",
                            "answer Deny anonymous -",
                            "answer Allow " + groupId + " Acme Studio");
            assertThat(secretsManager.requests()).hasSize(1);
        }
    }

    private static List<String> run(Map<String, String> environment, String... args) throws Exception {
        Path output = Files.createTempFile("vivreal-lambda-it-", ".out");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                shadedJar() + java.io.File.pathSeparator + Path.of("target", "test-classes"),
                PackagedHandlerMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("VIVREAL_"));
        builder.environment().putAll(environment);
        builder.environment().put("AWS_CONFIG_FILE", output + ".no-config");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", output + ".no-credentials");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the packaged handler finished")
                .isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        lines.forEach(line -> System.out.println("packaged handler: " + line));
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    private static Path shadedJar() {
        return Path.of(System.getProperty("vivreal.lambda.jar"));
    }
}

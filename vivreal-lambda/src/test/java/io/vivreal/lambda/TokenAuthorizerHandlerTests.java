package io.vivreal.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handler as API Gateway invokes it: recorded TOKEN events in, the runtime's own JSON
 * serialisation of the response out, against the embedded store and a local Secrets Manager.
 * Region and static test credentials come through the SDK's default chain (system properties set
 * by the build), the endpoint through {@code VIVREAL_AWS_ENDPOINT}.
 */
class TokenAuthorizerHandlerTests {

    private static final String SECRET_ID = "vivreal/authorizer";
    private static final String PEPPER = "9E2NYf42YH1En5np+Yo9ARThG58I8kPWu/2gNj0hgqA=";
    private static final String CURRENT_KEY = "vr_UaoEiBJR6ZMuYx1UNXewRi9MkO5UNMnOWUkL0kWXaCh0t7Kpj";
    private static final String OLD_KEY = "vr_tmIfVVjlMqywW2Bv3Hmiv258D4Z8tuvjbWgkDhe4WHP3dVJZ4";
    private static final String STAGE = "arn:aws:execute-api:eu-west-1:123456789012:k3x9ab12cd/live/*/*";

    private static SeededStore store;
    private static FakeSecretsManager secretsManager;
    private static String acmeId;
    private static String oldKeyGroupId;

    private final List<MongoClient> clients = new ArrayList<>();

    @BeforeAll
    static void startStoreAndSecretsManager() throws IOException {
        store = SeededStore.start(java.util.Base64.getDecoder().decode(PEPPER));
        acmeId = store.addGroup("Acme Studio", "pro", false, CURRENT_KEY);
        oldKeyGroupId = store.addGroup("Old Key Co", "free", false, OLD_KEY);
        secretsManager = FakeSecretsManager.start().put(SECRET_ID, secretJson(store.connectionString()));
    }

    @AfterAll
    static void stopAll() {
        secretsManager.close();
        store.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(MongoClient::close);
    }

    @Test
    void allowWithGroupContextForTheCurrentKey() {
        IamPolicyResponseV1 response = handler(SECRET_ID).handleRequest(event("token-current-key.json"), null);

        JsonNode json = LambdaJson.tree(LambdaJson.write(response, IamPolicyResponseV1.class));
        assertPolicy(json, "Allow");
        assertThat(json.get("principalId").asText()).isEqualTo(acmeId);
        JsonNode context = json.get("context");
        assertThat(context.get("database").asText()).isEqualTo("general_shared");
        assertThat(context.get("bucketName").asText()).isEqualTo("bucket-" + acmeId);
        assertThat(context.get("groupID").asText()).isEqualTo(acmeId);
        assertThat(context.get("groupName").asText()).isEqualTo("Acme Studio");
        assertThat(context.get("tier").asText()).isEqualTo("pro");
        for (Iterator<JsonNode> values = context.elements(); values.hasNext(); ) {
            JsonNode value = values.next();
            assertThat(value.isTextual() || value.isNumber() || value.isBoolean())
                    .as("API Gateway accepts only string, number and boolean context values: %s", value)
                    .isTrue();
        }
    }

    /**
     * Pinned: exactly the five names the seed's integrations read, every value a string, in this
     * order; {@code frozen} is absent (forwarded as the string "false" it would be truthy).
     */
    @Test
    void theContextApiGatewayReceivesIsExactlyTheSeedsFiveStrings() {
        IamPolicyResponseV1 response = handler(SECRET_ID).handleRequest(event("token-current-key.json"), null);

        assertThat(response.getContext())
                .containsExactly(
                        Map.entry("database", "general_shared"),
                        Map.entry("bucketName", "bucket-" + acmeId),
                        Map.entry("groupID", acmeId),
                        Map.entry("groupName", "Acme Studio"),
                        Map.entry("tier", "pro"));
        JsonNode context = LambdaJson.tree(LambdaJson.write(response, IamPolicyResponseV1.class))
                .get("context");
        assertThat(context.size()).isEqualTo(5);
        context.elements()
                .forEachRemaining(
                        value -> assertThat(value.isTextual()).as("%s", value).isTrue());
    }

    @Test
    void allowFrozenGroupSoTheServerBehindApiGatewayAnswers402() {
        String frozenKey = io.vivreal.authorizer.ApiKeyFormat.generate(new java.security.SecureRandom());
        String frozenId = store.addGroup("Frozen Ltd", "basic", true, frozenKey);

        JsonNode json = respond(handler(SECRET_ID), tokenEvent("Bearer " + frozenKey));

        assertPolicy(json, "Allow");
        assertThat(json.get("principalId").asText()).isEqualTo(frozenId);
        assertThat(json.get("context").has("frozen")).isFalse();
    }

    @Test
    void denyForAnUnknownKey() {
        JsonNode json = respond(handler(SECRET_ID), event("token-unknown-key.json"));

        assertPolicy(json, "Deny");
        assertThat(json.has("context")).isFalse();
        assertThat(json.get("principalId").asText()).isEqualTo("anonymous");
    }

    @Test
    void denyWhenKeyWasRegenerated() {
        TokenAuthorizerHandler handler = handler(SECRET_ID);
        assertPolicy(respond(handler, event("token-old-key.json")), "Allow");

        String newKey = store.regenerate(oldKeyGroupId);

        assertPolicy(respond(handler, event("token-old-key.json")), "Deny");
        assertPolicy(respond(handler, tokenEvent(newKey)), "Allow");
    }

    @Test
    void allowARolledAwayKeyDuringItsOverlapAndDenyItOnceTheOverlapEnded() {
        String previous = io.vivreal.authorizer.ApiKeyFormat.generate(new java.security.SecureRandom());
        String inOverlap = store.addGroup("Rolling Co", "basic", false, previous);
        String rolled = store.roll(inOverlap, java.time.Instant.now().plus(Duration.ofHours(1)));

        TokenAuthorizerHandler handler = handler(SECRET_ID);
        JsonNode allowed = respond(handler, tokenEvent(previous));
        assertPolicy(allowed, "Allow");
        assertThat(allowed.get("principalId").asText()).isEqualTo(inOverlap);
        assertPolicy(respond(handler, tokenEvent(rolled)), "Allow");

        String expired = io.vivreal.authorizer.ApiKeyFormat.generate(new java.security.SecureRandom());
        String ended = store.addGroup("Rolled Co", "basic", false, expired);
        String current = store.roll(ended, java.time.Instant.now().minusSeconds(1));

        assertPolicy(respond(handler, tokenEvent(expired)), "Deny");
        assertPolicy(respond(handler, tokenEvent(current)), "Allow");
    }

    /**
     * A malformed key gets Deny — API Gateway's 403, the status the server answers for the same
     * header ({@code ClientApiAuthorizationTests.aMalformedKeyGetsTheSameForbiddenAsThroughApiGateway}
     * in vivreal-app) — without any I/O.
     */
    @Test
    void denyForAMalformedKeyWithoutAnyIo() {
        int requestsBefore = secretsManager.requests().size();
        TokenAuthorizerHandler handler =
                new TokenAuthorizerHandler(Map.of(LambdaSettings.SECRET_ID, "vivreal/never-read"), settings -> {
                    throw new AssertionError("a malformed key must not reach the store");
                });

        for (String malformed : List.of(
                "vr_UaoEiBJR6ZMuYx1UNXewRi9MkO5UNMnOWUkL0kWXaCh0t7Kpk",
                "not-a-key",
                "Bearer ",
                "Bearer vr_short",
                "x".repeat(5000))) {
            JsonNode json = respond(handler, tokenEvent(malformed));
            assertPolicy(json, "Deny");
            assertThat(json.has("context")).as(malformed).isFalse();
        }
        assertPolicy(respond(handler, event("token-malformed-key.json")), "Deny");
        assertThat(secretsManager.requests()).hasSize(requestsBefore);
    }

    @Test
    void unauthorizedWhenTheTokenIsMissing() {
        TokenAuthorizerHandler handler = handler(SECRET_ID);

        assertThatThrownBy(() -> handler.handleRequest(event("token-missing.json"), null))
                .isExactlyInstanceOf(RuntimeException.class)
                .hasMessage("Unauthorized");
        assertThatThrownBy(() -> handler.handleRequest(tokenEvent("  "), null)).hasMessage("Unauthorized");
    }

    /** A function error other than "Unauthorized" is AUTHORIZER_FAILURE: 503 + Retry-After in the template. */
    @Test
    void serviceUnavailableWhenTheStoreIsDown() throws IOException {
        byte[] pepper = java.util.Base64.getDecoder().decode(PEPPER);
        try (SeededStore doomed = SeededStore.start(pepper)) {
            doomed.addGroup("Acme Studio", "pro", false, CURRENT_KEY);
            secretsManager.put("vivreal/doomed", secretJson(doomed.connectionString()));
            TokenAuthorizerHandler handler = handler("vivreal/doomed");
            assertPolicy(respond(handler, event("token-current-key.json")), "Allow");

            doomed.stop();

            long start = System.nanoTime();
            assertThatThrownBy(() -> handler.handleRequest(event("token-current-key.json"), null))
                    .isExactlyInstanceOf(RuntimeException.class)
                    .hasMessage("ServiceUnavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void serviceUnavailableWhenTheSecretCannotBeRead() {
        TokenAuthorizerHandler handler = handler("vivreal/no-such-secret");

        assertThatThrownBy(() -> handler.handleRequest(event("token-current-key.json"), null))
                .isExactlyInstanceOf(RuntimeException.class)
                .hasMessage("ServiceUnavailable");
        assertThat(clients).isEmpty();
    }

    @Test
    void readsTheSecretOnceAndReusesOneMongoClient() {
        TokenAuthorizerHandler handler = handler("vivreal/reused");
        secretsManager.put("vivreal/reused", secretJson(store.connectionString()));

        for (int i = 0; i < 3; i++) {
            assertPolicy(respond(handler, event("token-current-key.json")), "Allow");
            assertPolicy(respond(handler, event("token-unknown-key.json")), "Deny");
        }

        assertThat(clients).hasSize(1);
        List<FakeSecretsManager.Request> reads = secretsManager.requests().stream()
                .filter(r -> r.body().contains("vivreal/reused"))
                .toList();
        assertThat(reads).hasSize(1);
        FakeSecretsManager.Request read = reads.get(0);
        assertThat(read.method()).isEqualTo("POST");
        assertThat(read.target()).isEqualTo("secretsmanager.GetSecretValue");
        assertThat(read.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(read.body()).isEqualTo("{\"SecretId\":\"vivreal/reused\"}");
        assertThat(read.authorization())
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDVIVREALTEST/")
                .contains("/eu-west-1/secretsmanager/aws4_request");
    }

    private static void assertPolicy(JsonNode json, String effect) {
        assertThat(json.get("principalId").isTextual()).isTrue();
        JsonNode policy = json.get("policyDocument");
        assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(policy.get("Statement")).hasSize(1);
        JsonNode statement = policy.get("Statement").get(0);
        assertThat(statement.get("Action").asText()).isEqualTo("execute-api:Invoke");
        assertThat(statement.get("Effect").asText()).isEqualTo(effect);
        JsonNode resource = statement.get("Resource");
        String onlyResource = resource.isArray() ? resource.get(0).asText() : resource.asText();
        assertThat(resource.isArray() ? resource.size() : 1).isEqualTo(1);
        assertThat(onlyResource).isEqualTo(STAGE);
    }

    private static JsonNode respond(TokenAuthorizerHandler handler, APIGatewayCustomAuthorizerEvent event) {
        return LambdaJson.tree(LambdaJson.write(handler.handleRequest(event, null), IamPolicyResponseV1.class));
    }

    private TokenAuthorizerHandler handler(String secretId) {
        return new TokenAuthorizerHandler(
                Map.of(
                        LambdaSettings.SECRET_ID,
                        secretId,
                        LambdaSettings.AWS_ENDPOINT,
                        secretsManager.endpoint().toString()),
                settings -> {
                    MongoClient client = MongoClients.create(settings);
                    clients.add(client);
                    return client;
                });
    }

    private static APIGatewayCustomAuthorizerEvent event(String recorded) {
        APIGatewayCustomAuthorizerEvent event = LambdaJson.readEvent(recorded, APIGatewayCustomAuthorizerEvent.class);
        assertThat(event.getType()).isEqualTo("TOKEN");
        return event;
    }

    private static APIGatewayCustomAuthorizerEvent tokenEvent(String token) {
        APIGatewayCustomAuthorizerEvent event = event("token-current-key.json");
        event.setAuthorizationToken(token);
        return event;
    }

    private static String secretJson(String mongodbUri) {
        return "{\"mongodb-uri\":" + FakeSecretsManager.quote(mongodbUri) + ",\"api-key-pepper\":\"" + PEPPER + "\"}";
    }
}

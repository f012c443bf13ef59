package io.vivreal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.vivreal.clientapi.authorizer.AuthorizerDecision;
import io.vivreal.clientapi.authorizer.KeyVerification;
import io.vivreal.core.apikey.ApiKeyFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The Lambda entry point ({@code io.vivreal.lambda.TokenAuthorizerHandler::handleRequest}): an API
 * Gateway REST API TOKEN authorizer in front of the Client API.
 *
 * <p>Answers as API Gateway defines them:
 *
 * <ul>
 *   <li>no token, or one that is not the shape and checksum of a Vivreal key → the function fails
 *       with exactly {@code "Unauthorized"}, which API Gateway turns into 401. The key format is
 *       public, so this tells a caller nothing about which keys exist, and it costs no I/O;
 *   <li>a well-formed key no group has (never had, or regenerated away) → Deny (403);
 *   <li>a group's current key → Allow with the group context; a frozen group is still Allow with
 *       {@code frozen=true}, as on the server, and the integration answers 402;
 *   <li>Secrets Manager or the store unreachable → Deny, never Allow and never a cached Allow
 *       older than the decision cache bound.
 * </ul>
 *
 * <p>One container handles one invocation at a time and is reused: the secrets are read and the
 * {@code MongoClient} is built once, in the init phase when possible (the runtime constructs the
 * handler there), else on the first invocation. A failed start is retried, at most every few
 * seconds, so an outage costs Deny answers rather than a slow read of Secrets Manager per request.
 */
public final class TokenAuthorizerHandler
        implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

    private static final String BEARER = "Bearer ";
    private static final long RETRY_START_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LambdaSettings settings;
    private final Supplier<AuthorizerSecrets> secrets;
    private final Function<MongoClientSettings, MongoClient> clients;
    private AuthorizerRuntime runtime;
    private long nextStartAttempt;
    private boolean failedBefore;

    /** The constructor the Lambda runtime calls, during the init phase. */
    public TokenAuthorizerHandler() {
        this(System.getenv(), MongoClients::create);
        warmUp();
    }

    TokenAuthorizerHandler(Map<String, String> environment, Function<MongoClientSettings, MongoClient> clients) {
        this.settings = LambdaSettings.fromEnvironment(environment);
        this.secrets = () -> SecretsManagerSecrets.fetch(settings);
        this.clients = clients;
    }

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String token = event == null ? null : event.getAuthorizationToken();
        if (!isWellFormedKey(token)) {
            throw unauthorized();
        }
        String resource = PolicyResponses.stageResource(event.getMethodArn());
        AuthorizerRuntime current;
        try {
            current = runtime();
        } catch (RuntimeException e) {
            log("authorizer cannot start, denying: " + describe(e));
            return PolicyResponses.deny(resource);
        }
        AuthorizerDecision decision = current.authorizer().authorize(token, resource);
        KeyVerification.Status status = decision.verification().status();
        if (decision.outcome() == AuthorizerDecision.Outcome.UNAUTHORIZED
                || status == KeyVerification.Status.MALFORMED) {
            throw unauthorized();
        }
        if (status == KeyVerification.Status.STORE_UNAVAILABLE) {
            log("key store unavailable, denying");
        }
        return PolicyResponses.from(decision);
    }

    /** Builds the runtime at once and opens a store connection, so the first request does not. */
    void warmUp() {
        try {
            runtime().client().getDatabase(settings.controlPlaneDatabase()).runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            log("warm-up failed, will retry on the first invocation: " + describe(e));
        }
    }

    synchronized AuthorizerRuntime runtime() {
        if (runtime != null) {
            return runtime;
        }
        if (failedBefore && System.nanoTime() - nextStartAttempt < 0) {
            throw new IllegalStateException("the last start failed moments ago");
        }
        try {
            runtime = AuthorizerRuntime.open(settings, secrets.get(), clients);
            return runtime;
        } catch (RuntimeException e) {
            failedBefore = true;
            nextStartAttempt = System.nanoTime() + RETRY_START_NANOS;
            throw e;
        }
    }

    private static boolean isWellFormedKey(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        String key = token.startsWith(BEARER) ? token.substring(BEARER.length()) : token;
        return ApiKeyFormat.isWellFormed(key);
    }

    /** API Gateway maps a function error of exactly this message to 401 Unauthorized. */
    private static RuntimeException unauthorized() {
        return new RuntimeException("Unauthorized");
    }

    /** Names the failure without quoting anything that could hold a secret. */
    private static String describe(RuntimeException e) {
        if (e instanceof AuthorizerSecrets.SecretsException || e instanceof SdkException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return e.getClass().getName();
    }

    private static void log(String message) {
        LambdaRuntime.getLogger().log(message + "\n");
    }
}

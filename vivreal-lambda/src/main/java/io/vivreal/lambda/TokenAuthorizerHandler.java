package io.vivreal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.vivreal.authorizer.ApiKeyAuthorizer;
import io.vivreal.authorizer.AuthorizerAnswer;
import io.vivreal.authorizer.KeyVerification;
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
 * <p>Answers as {@link AuthorizerAnswer} says, the table the server's filter answers from too, so
 * a caller gets the same status through API Gateway as from the server:
 *
 * <ul>
 *   <li>no token → the function fails with exactly {@code "Unauthorized"}, which API Gateway turns
 *       into 401;
 *   <li>a token that is not the shape and checksum of a Vivreal key → Deny (403), with no I/O; a
 *       well-formed key no group has (never had, or regenerated away) → Deny (403) too, so the
 *       answer does not tell a typo from a revoked key;
 *   <li>a group's current key → Allow with the group context ({@link
 *       io.vivreal.authorizer.ApiGatewayContext}); a frozen group is still Allow: the server behind
 *       API Gateway checks the key itself and answers 402;
 *   <li>Secrets Manager or the store unreachable → the function fails with {@code
 *       "ServiceUnavailable"}: API Gateway answers {@code AUTHORIZER_FAILURE}, which the template
 *       maps to 503 with {@code Retry-After}; never Allow, and nothing is cached.
 * </ul>
 *
 * <p>One container handles one invocation at a time and is reused: the secrets are read and the
 * {@code MongoClient} is built once, in the init phase when possible (the runtime constructs the
 * handler there), else on the first invocation. A failed start is retried, at most every few
 * seconds, so an outage costs Deny answers rather than a slow read of Secrets Manager per request.
 */
public final class TokenAuthorizerHandler
        implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

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
        String methodArn = event == null ? null : event.getMethodArn();
        KeyVerification early = ApiKeyAuthorizer.withoutLookup(token);
        if (early != null) {
            return answer(early, methodArn);
        }
        AuthorizerRuntime current;
        try {
            current = runtime();
        } catch (RuntimeException e) {
            log("authorizer cannot start: " + describe(e));
            throw serviceUnavailable();
        }
        KeyVerification verification = current.authorizer().verify(token);
        if (verification.status() == KeyVerification.Status.STORE_UNAVAILABLE) {
            log("key store unavailable");
        }
        return answer(verification, methodArn);
    }

    /** What a TOKEN authorizer can do for each answer of the one table. */
    private static IamPolicyResponseV1 answer(KeyVerification verification, String methodArn) {
        return switch (AuthorizerAnswer.of(verification).gateway()) {
            case ALLOW -> PolicyResponses.allow(verification.tenant(), PolicyResponses.stageResource(methodArn));
            case DENY -> PolicyResponses.deny(PolicyResponses.stageResource(methodArn));
            case UNAUTHORIZED -> throw unauthorized();
            case FAIL -> throw serviceUnavailable();
        };
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

    /** API Gateway maps a function error of exactly this message to 401 Unauthorized. */
    private static RuntimeException unauthorized() {
        return new RuntimeException("Unauthorized");
    }

    /** Any other function error is API Gateway's {@code AUTHORIZER_FAILURE}: 503 in the template. */
    private static RuntimeException serviceUnavailable() {
        return new RuntimeException("ServiceUnavailable");
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

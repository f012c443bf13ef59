package io.vivreal.benchmarks.server;

import io.vivreal.clientapi.authorizer.AuthorizerContext;
import io.vivreal.clientapi.authorizer.AuthorizerDecision;
import io.vivreal.clientapi.authorizer.KeyVerification;
import io.vivreal.clientapi.authorizer.TokenAuthorizer;
import io.vivreal.core.apikey.ApiKeyOwner;
import io.vivreal.core.group.Tier;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * For the "authorization switched off" measurement only: replaces the API-key authorizer with one
 * that allows every request as one fixed tenant, so the difference to a normal run is exactly the
 * authorizer's cost. It lives in the benchmarks jar, which is never on the server's classpath: the
 * benchmark script adds it with {@code -Dloader.path}, and it also needs {@code
 * vivreal.benchmark.fixed-tenant} ({@code <groupID>:<dbKey>:<bucketName>}) to be set. Production
 * code has no switch to turn authorization off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("vivreal.benchmark.fixed-tenant")
public class FixedTenantAuthorizerConfiguration {

    @Bean
    @Primary
    TokenAuthorizer fixedTenantAuthorizer(org.springframework.core.env.Environment environment) {
        String[] tenant = environment
                .getRequiredProperty("vivreal.benchmark.fixed-tenant")
                .split(":");
        ApiKeyOwner owner = new ApiKeyOwner(tenant[0], "benchmark", tenant[1], tenant[2], Tier.FREE, false);
        KeyVerification verification = new KeyVerification(KeyVerification.Status.VALID, owner, "benchmark");
        AuthorizerContext context = new AuthorizerContext(tenant[1], tenant[2], tenant[0], "benchmark", "free", false);
        return (token, methodArn) -> new AuthorizerDecision(
                AuthorizerDecision.Outcome.ALLOW,
                tenant[0],
                new AuthorizerDecision.PolicyDocument(
                        "2012-10-17",
                        List.of(new AuthorizerDecision.Statement("execute-api:Invoke", "Allow", methodArn))),
                context,
                verification);
    }
}

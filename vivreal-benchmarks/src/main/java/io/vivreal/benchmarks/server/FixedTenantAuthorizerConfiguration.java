package io.vivreal.benchmarks.server;

import io.vivreal.authorizer.KeyVerification;
import io.vivreal.authorizer.KeyVerifier;
import io.vivreal.authorizer.Tenant;
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
    KeyVerifier fixedTenantAuthorizer(org.springframework.core.env.Environment environment) {
        String[] tenant = environment
                .getRequiredProperty("vivreal.benchmark.fixed-tenant")
                .split(":");
        KeyVerification verification = KeyVerification.valid(
                new Tenant(tenant[0], "benchmark", tenant[1], tenant[2], "free", false), "benchmark");
        return header -> verification;
    }
}

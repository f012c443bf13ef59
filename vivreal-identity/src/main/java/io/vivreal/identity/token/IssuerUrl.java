package io.vivreal.identity.token;

import org.springframework.core.env.Environment;

/**
 * The issuer of our tokens: {@code VIVREAL_PUBLIC_URL} when set (it must be in production, where
 * clients reach us through a proxy), else {@code http://localhost:<port>}.
 */
public final class IssuerUrl {

    private final String configured;
    private final Environment environment;

    public IssuerUrl(String configured, Environment environment) {
        this.configured = configured == null ? "" : configured.replaceAll("/+$", "");
        this.environment = environment;
    }

    public String value() {
        if (!configured.isEmpty()) {
            return configured;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }
}

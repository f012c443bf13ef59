package io.vivreal.core.web;

import org.springframework.core.env.Environment;

/**
 * The URL clients reach this server at: {@code VIVREAL_PUBLIC_URL} when set (it must be in
 * production, where clients come through a proxy), else {@code http://localhost:<port>}. Token
 * issuers and signed media URLs are built from it.
 */
public final class PublicUrl {

    private final String configured;
    private final Environment environment;

    public PublicUrl(String configured, Environment environment) {
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

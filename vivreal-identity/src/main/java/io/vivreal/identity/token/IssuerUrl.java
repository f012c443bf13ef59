package io.vivreal.identity.token;

import io.vivreal.core.web.PublicUrl;

/** The issuer of our tokens: the server's public URL. */
public final class IssuerUrl {

    private final PublicUrl publicUrl;

    public IssuerUrl(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    public String value() {
        return publicUrl.value();
    }
}

package io.vivreal.identity.web;

import io.vivreal.identity.token.IssuerUrl;
import io.vivreal.identity.token.SigningKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** OpenID Connect discovery and the public signing keys, so other services can verify our tokens. */
@RestController
class WellKnownController {

    private final SigningKeys keys;
    private final IssuerUrl issuer;

    WellKnownController(SigningKeys keys, IssuerUrl issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
    Map<String, Object> jwks() {
        return keys.publicKeys().toJSONObject(true);
    }

    @GetMapping(value = "/.well-known/openid-configuration", produces = "application/json")
    Map<String, Object> discovery() {
        String base = issuer.value();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", base);
        document.put("jwks_uri", base + "/.well-known/jwks.json");
        document.put("authorization_endpoint", base + "/app/login");
        document.put("response_types_supported", List.of("id_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("ES256"));
        document.put("claims_supported", List.of("sub", "email", "name", "iss", "aud", "exp", "iat", "jti"));
        return document;
    }
}

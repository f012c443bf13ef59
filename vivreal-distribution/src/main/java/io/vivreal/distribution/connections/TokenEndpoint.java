package io.vivreal.distribution.connections;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.minidev.json.JSONObject;

/**
 * A provider's token and userinfo endpoints, spoken through the one {@link OutboundHttp}. The
 * requests and the token answers are built and parsed by the Nimbus OAuth 2.0 SDK (RFC 6749 §4.1.3,
 * §5 and §6, RFC 7636), so error answers, lifetimes and refresh tokens are read as the standard
 * says; the client authenticates with {@code client_secret_post}, as LinkedIn documents. Every
 * secret of a request is passed to the client for redaction, and answers are parsed here, never
 * logged.
 */
final class TokenEndpoint {

    /** Person ids go into URNs ({@code urn:li:person:<id>}): only a safe alphabet is taken. */
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    static final int MAX_HANDLE = 100;

    /** Tokens from a token answer; {@code expiresAt} and the refresh values may be null. */
    record Tokens(String accessToken, String refreshToken, Instant expiresAt, Instant refreshExpiresAt) {
        @Override
        public String toString() {
            return "Tokens[expires " + expiresAt + ", values hidden]";
        }
    }

    /**
     * What a token request came to: tokens, or an error — the provider's OAuth error code when it
     * refused ({@code rejected}: the grant is no good, a person must connect again), otherwise the
     * transport's error class or {@code invalid_token_response}.
     */
    record Result(Tokens tokens, String error, boolean rejected) {
        static Result of(Tokens tokens) {
            return new Result(tokens, null, false);
        }

        boolean ok() {
            return tokens != null;
        }
    }

    /** The account the tokens act as. */
    record Account(String id, String handle) {}

    Result exchange(
            OAuthProvider provider, String code, URI redirectUri, String verifier, OutboundHttp http, Instant now) {
        AuthorizationGrant grant =
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(verifier));
        return send(provider, grant, List.of(code, verifier), http, now);
    }

    Result refresh(OAuthProvider provider, String refreshToken, OutboundHttp http, Instant now) {
        return send(provider, new RefreshTokenGrant(new RefreshToken(refreshToken)), List.of(refreshToken), http, now);
    }

    private Result send(
            OAuthProvider provider, AuthorizationGrant grant, List<String> secrets, OutboundHttp http, Instant now) {
        Optional<String> clientSecret = provider.clientSecret().get();
        if (clientSecret.isEmpty()) {
            return new Result(null, "provider_not_configured", false);
        }
        TokenRequest request = new TokenRequest(
                provider.tokenUrl(),
                new ClientSecretPost(new ClientID(provider.clientId()), new Secret(clientSecret.get())),
                grant);
        List<String> hidden = new ArrayList<>(secrets);
        hidden.add(clientSecret.get());
        OutboundResponse response = http.send(OutboundRequest.bytes(
                provider.tokenUrl().toString(),
                "connections." + provider.type().wireName() + ".token-url",
                Map.of("Accept", "application/json"),
                OutboundRequest.FORM,
                request.toHTTPRequest().getBody().getBytes(StandardCharsets.UTF_8),
                hidden));
        if (response.status() == null) {
            return new Result(null, response.error(), false);
        }
        TokenResponse parsed;
        try {
            JSONObject json = JSONObjectUtils.parse(response.contentText());
            if (response.succeeded()) {
                // LinkedIn answers without token_type; its tokens are bearer tokens (RFC 6750)
                json.putIfAbsent("token_type", "Bearer");
            }
            parsed = TokenResponse.parse(json);
        } catch (ParseException e) {
            return new Result(null, "invalid_token_response", false);
        }
        if (!parsed.indicatesSuccess()) {
            ErrorObject error = parsed.toErrorResponse().getErrorObject();
            String code = error == null || error.getCode() == null ? "token_request_failed" : error.getCode();
            boolean rejected = response.status() == 400 || response.status() == 401;
            return new Result(null, safeCode(code), rejected);
        }
        AccessTokenResponse ok = parsed.toSuccessResponse();
        long lifetime = ok.getTokens().getAccessToken().getLifetime();
        RefreshToken refresh = ok.getTokens().getRefreshToken();
        Object refreshLifetime = ok.getCustomParameters().get("refresh_token_expires_in");
        return Result.of(new Tokens(
                ok.getTokens().getAccessToken().getValue(),
                refresh == null ? null : refresh.getValue(),
                lifetime > 0 ? now.plusSeconds(lifetime) : null,
                refreshLifetime instanceof Number seconds && seconds.longValue() > 0
                        ? now.plusSeconds(seconds.longValue())
                        : null));
    }

    /** The OpenID Connect userinfo of the token's account: {@code sub} and a display name. */
    Optional<Account> userinfo(OAuthProvider provider, String accessToken, OutboundHttp http) {
        OutboundResponse response = http.send(OutboundRequest.get(
                provider.userinfoUrl().toString(),
                "connections." + provider.type().wireName() + ".userinfo-url",
                Map.of("Authorization", "Bearer " + accessToken, "Accept", "application/json"),
                List.of(accessToken)));
        if (!response.succeeded()) {
            return Optional.empty();
        }
        Map<String, Object> info;
        try {
            info = JSONObjectUtils.parse(response.contentText());
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (!(info.get("sub") instanceof String sub) || !ACCOUNT_ID.matcher(sub).matches()) {
            return Optional.empty();
        }
        String handle = sub;
        if (info.get("name") instanceof String name && !name.isBlank()) {
            handle = name.strip();
        } else if (info.get("email") instanceof String email && !email.isBlank()) {
            handle = email.strip();
        }
        handle = handle.replaceAll("\\p{Cntrl}", "");
        if (handle.length() > MAX_HANDLE) {
            handle = handle.substring(0, MAX_HANDLE);
        }
        return Optional.of(new Account(sub, handle));
    }

    /** An error code from the provider, kept only if it is the short token RFC 6749 allows. */
    private static String safeCode(String code) {
        return code.matches("[A-Za-z0-9_.-]{1,64}") ? code : "token_request_failed";
    }
}

package io.vivreal.app.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vivreal.app.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * LinkedIn's OAuth 2.0 server, OpenID Connect userinfo and Posts API, as a local server that checks
 * the real protocol and answers like LinkedIn: the authorization request (response_type=code,
 * client_id, redirect_uri, state, scope, code_challenge with S256), the token request
 * (form-encoded, client_secret_post, single-use code, same redirect_uri, code_verifier whose
 * SHA-256 is the challenge), the refresh grant (rotating refresh tokens: an old one is refused with
 * invalid_grant), userinfo with a Bearer token, and posts with the version headers and the body
 * shape. Token answers carry no token_type, as LinkedIn's do. Every violation is recorded in
 * {@link #problems} and answered 400.
 */
public final class FakeLinkedIn implements AutoCloseable {

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    /** One authorization the fake handed a code for. */
    record Grant(String clientId, String redirectUri, String challenge, String sub, String name, long lifetime) {}

    /** A token the fake issued, and the account it acts for. */
    record Issued(String sub, long expiresAtMillis) {}

    /** A post as received: headers and body. */
    public record Post(Map<String, String> headers, JsonNode body) {}

    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Issued> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> revokedAccounts = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong(6_844_785_523_593_134_080L);

    public final List<String> problems = new CopyOnWriteArrayList<>();
    public final List<Post> posts = new CopyOnWriteArrayList<>();
    /** Images by URN: the owner the upload was initialized for, then the bytes PUT. */
    public final Map<String, String> imageOwners = new ConcurrentHashMap<>();

    public final Map<String, byte[]> images = new ConcurrentHashMap<>();
    /** Every token value the fake ever issued: none may appear in an answer or a log. */
    public final List<String> issued = new CopyOnWriteArrayList<>();

    public final AtomicInteger tokenRequests = new AtomicInteger();
    public final AtomicInteger refreshes = new AtomicInteger();
    public final AtomicInteger userinfoRequests = new AtomicInteger();

    private volatile String expectedRedirectUri;
    /** Lifetime in seconds of the access tokens of the next authorization (LinkedIn's: 60 days). */
    private volatile long nextLifetime = 5_184_000;

    private volatile boolean denyNext;
    private volatile String nextSub;
    private volatile long refreshDelayMillis;
    /** An answer the token endpoint gives once instead of the real one: status and body. */
    private volatile Map.Entry<Integer, String> nextTokenAnswer;

    public FakeLinkedIn(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/oauth/v2/authorization", this::authorize);
        server.createContext("/oauth/v2/accessToken", this::token);
        server.createContext("/v2/userinfo", this::userinfo);
        server.createContext("/rest/posts", this::post);
        server.createContext("/rest/images", this::initializeUpload);
        server.createContext("/dms-uploads/", this::upload);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void expectRedirectUri(String uri) {
        expectedRedirectUri = uri;
    }

    /** The next authorization issues access tokens living {@code seconds}. */
    public void nextLifetime(long seconds) {
        nextLifetime = seconds;
    }

    /** The member refuses the next authorization (error=access_denied). */
    public void denyNext() {
        denyNext = true;
    }

    /** The next authorization is by this member. */
    public void nextMember(String sub) {
        nextSub = sub;
    }

    public void refreshDelay(long millis) {
        refreshDelayMillis = millis;
    }

    /** The token endpoint's next answer is this one (a LinkedIn outage, a proxy's error page). */
    public void nextTokenAnswer(int status, String body) {
        nextTokenAnswer = Map.entry(status, body);
    }

    /** The member revoked the app: every token of the account is refused with 401 from now on. */
    public void revoke(String sub) {
        revokedAccounts.add(sub);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        if (!exchange.getRequestMethod().equals("GET")) {
            refuse(exchange, "authorize: method " + exchange.getRequestMethod());
            return;
        }
        require(query, "response_type", "code");
        require(query, "client_id", clientId);
        require(query, "code_challenge_method", "S256");
        require(query, "redirect_uri", expectedRedirectUri);
        String scope = query.getOrDefault("scope", "");
        if (!Set.of(scope.split(" ")).containsAll(Set.of("openid", "profile", "w_member_social"))) {
            problems.add("authorize: scope " + scope);
        }
        String state = query.get("state");
        String challenge = query.get("code_challenge");
        if (state == null || state.length() < 22) {
            problems.add("authorize: state missing or shorter than 128 bits");
        }
        if (challenge == null || !challenge.matches("[A-Za-z0-9_-]{43}")) {
            problems.add("authorize: code_challenge is not a base64url SHA-256");
        }
        String redirect = query.get("redirect_uri");
        if (!problems.isEmpty() || redirect == null) {
            refuse(exchange, "authorize request invalid");
            return;
        }
        String location;
        if (denyNext) {
            denyNext = false;
            location = redirect + "?error=user_cancelled_authorize&error_description="
                    + encode("The user cancelled the authorization") + "&state=" + encode(state);
        } else {
            String code = "AQ" + UUID.randomUUID().toString().replace("-", "");
            String sub = nextSub == null ? "p" + UUID.randomUUID().toString().substring(0, 8) : nextSub;
            nextSub = null;
            codes.put(code, new Grant(clientId, redirect, challenge, sub, "Ada Lovelace", nextLifetime));
            nextLifetime = 5_184_000;
            location = redirect + "?code=" + code + "&state=" + encode(state);
        }
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map.Entry<Integer, String> forced = nextTokenAnswer;
        if (forced != null) {
            nextTokenAnswer = null;
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = forced.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(forced.getKey(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!exchange.getRequestMethod().equals("POST")
                || type == null
                || !type.startsWith("application/x-www-form-urlencoded")) {
            refuse(exchange, "token: not a form POST");
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            problems.add("token: client authentication (client_secret_post) wrong");
            answer(
                    exchange,
                    401,
                    "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
            return;
        }
        String grantType = form.get("grant_type");
        if ("authorization_code".equals(grantType)) {
            Grant grant = codes.remove(String.valueOf(form.get("code")));
            if (grant == null) {
                answer(
                        exchange,
                        400,
                        "{\"error\":\"invalid_request\",\"error_description\":\"Unable to retrieve access token: authorization code not found\"}");
                return;
            }
            if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
                problems.add("token: redirect_uri differs from the authorization request's");
                answer(
                        exchange,
                        400,
                        "{\"error\":\"invalid_request\",\"error_description\":\"redirect_uri does not match\"}");
                return;
            }
            String verifier = form.get("code_verifier");
            if (verifier == null
                    || !VERIFIER.matcher(verifier).matches()
                    || !s256(verifier).equals(grant.challenge())) {
                problems.add("token: code_verifier does not match the S256 challenge");
                answer(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"code_verifier is wrong\"}");
                return;
            }
            answer(exchange, 200, tokens(grant));
            return;
        }
        if ("refresh_token".equals(grantType)) {
            refreshes.incrementAndGet();
            sleep(refreshDelayMillis);
            Grant grant = refreshTokens.remove(String.valueOf(form.get("refresh_token")));
            if (grant == null || revokedAccounts.contains(grant.sub())) {
                answer(
                        exchange,
                        400,
                        "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant or refresh token is invalid, expired or revoked\"}");
                return;
            }
            answer(
                    exchange,
                    200,
                    tokens(new Grant(
                            grant.clientId(),
                            grant.redirectUri(),
                            grant.challenge(),
                            grant.sub(),
                            grant.name(),
                            5_184_000)));
            return;
        }
        problems.add("token: grant_type " + grantType);
        answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
    }

    private String tokens(Grant grant) {
        String access = "AQV" + UUID.randomUUID().toString().replace("-", "") + "x" + sequence.incrementAndGet();
        String refresh = "AQX" + UUID.randomUUID().toString().replace("-", "");
        accessTokens.put(access, new Issued(grant.sub(), System.currentTimeMillis() + grant.lifetime() * 1000));
        refreshTokens.put(refresh, grant);
        issued.add(access);
        issued.add(refresh);
        return "{\"access_token\":\"" + access + "\",\"expires_in\":" + grant.lifetime()
                + ",\"refresh_token\":\"" + refresh + "\",\"refresh_token_expires_in\":31536000"
                + ",\"scope\":\"email,openid,profile,w_member_social\"}";
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        userinfoRequests.incrementAndGet();
        Issued token = bearer(exchange);
        if (token == null) {
            answer(exchange, 401, "{\"serviceErrorCode\":65600,\"message\":\"Invalid access token\",\"status\":401}");
            return;
        }
        answer(
                exchange,
                200,
                "{\"sub\":\"" + token.sub() + "\",\"email_verified\":true,\"name\":\"Ada Lovelace\","
                        + "\"locale\":{\"country\":\"GB\",\"language\":\"en\"},\"given_name\":\"Ada\","
                        + "\"family_name\":\"Lovelace\",\"email\":\"ada@example.com\"}");
    }

    private void post(HttpExchange exchange) throws IOException {
        Issued token = bearer(exchange);
        if (token == null) {
            exchange.getRequestBody().readAllBytes();
            answer(
                    exchange,
                    401,
                    "{\"status\":401,\"serviceErrorCode\":65601,\"code\":\"REVOKED_ACCESS_TOKEN\","
                            + "\"message\":\"The token used in the request has been revoked by the user\"}");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        if (!exchange.getRequestMethod().equals("POST")
                || !String.valueOf(headers.get("linkedin-version")).matches("20[0-9]{4}")
                || !"2.0.0".equals(headers.get("x-restli-protocol-version"))
                || !String.valueOf(headers.get("content-type")).startsWith("application/json")) {
            refuse(exchange, "posts: method or headers " + headers.keySet());
            return;
        }
        JsonNode body = Http.JSON.readTree(exchange.getRequestBody().readAllBytes());
        String author = "urn:li:person:" + token.sub();
        boolean shaped = author.equals(body.path("author").asString(""))
                && body.path("commentary").isString()
                && "PUBLIC".equals(body.path("visibility").asString(""))
                && "MAIN_FEED"
                        .equals(body.path("distribution")
                                .path("feedDistribution")
                                .asString(""))
                && body.path("distribution").path("targetEntities").isArray()
                && body.path("distribution")
                        .path("thirdPartyDistributionChannels")
                        .isArray()
                && "PUBLISHED".equals(body.path("lifecycleState").asString(""))
                && body.path("isReshareDisabledByAuthor").isBoolean()
                && (!body.has("content")
                        || (images.containsKey(body.path("content")
                                        .path("media")
                                        .path("id")
                                        .asString(""))
                                && body.path("content")
                                        .path("media")
                                        .path("altText")
                                        .isString()));
        if (!shaped) {
            refuse(exchange, "posts: body shape " + body);
            return;
        }
        posts.add(new Post(headers, body));
        exchange.getResponseHeaders().add("x-restli-id", "urn:li:share:" + sequence.incrementAndGet());
        exchange.getResponseHeaders().add("x-linkedin-id", "urn:li:share:" + sequence.get());
        exchange.sendResponseHeaders(201, -1);
        exchange.close();
    }

    private void initializeUpload(HttpExchange exchange) throws IOException {
        Issued token = bearer(exchange);
        if (token == null) {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 401, "{\"status\":401,\"serviceErrorCode\":65601,\"code\":\"REVOKED_ACCESS_TOKEN\"}");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")
                || !"action=initializeUpload".equals(exchange.getRequestURI().getRawQuery())
                || !String.valueOf(exchange.getRequestHeaders().getFirst("LinkedIn-Version"))
                        .matches("20[0-9]{4}")
                || !"2.0.0".equals(exchange.getRequestHeaders().getFirst("X-Restli-Protocol-Version"))) {
            refuse(exchange, "images: not POST ?action=initializeUpload with the version headers");
            return;
        }
        JsonNode body = Http.JSON.readTree(exchange.getRequestBody().readAllBytes());
        String owner = body.path("initializeUploadRequest").path("owner").asString("");
        if (!owner.equals("urn:li:person:" + token.sub())) {
            refuse(exchange, "images: owner " + owner);
            return;
        }
        String id = "C4E10AQ" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        imageOwners.put("urn:li:image:" + id, owner);
        answer(
                exchange,
                200,
                "{\"value\":{\"uploadUrlExpiresAt\":" + (System.currentTimeMillis() + 86_400_000L)
                        + ",\"uploadUrl\":\"" + url("/dms-uploads/" + id + "/uploadedImage/0?ca=vector_ads&cn=uploads")
                        + "\",\"image\":\"urn:li:image:" + id + "\"}}");
    }

    private void upload(HttpExchange exchange) throws IOException {
        Issued token = bearer(exchange);
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (token == null) {
            answer(exchange, 401, "{\"status\":401}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String id = path.substring("/dms-uploads/".length(), path.indexOf('/', "/dms-uploads/".length()));
        if (!exchange.getRequestMethod().equals("PUT") || !imageOwners.containsKey("urn:li:image:" + id)) {
            refuse(exchange, "upload: " + exchange.getRequestMethod() + " to an uninitialized image");
            return;
        }
        images.put("urn:li:image:" + id, bytes);
        exchange.sendResponseHeaders(201, -1);
        exchange.close();
    }

    private Issued bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        Issued token = accessTokens.get(authorization.substring("Bearer ".length()));
        if (token == null
                || token.expiresAtMillis() < System.currentTimeMillis()
                || revokedAccounts.contains(token.sub())) {
            return null;
        }
        return token;
    }

    private void require(Map<String, String> query, String name, String expected) {
        if (expected == null || !expected.equals(query.get(name))) {
            problems.add("authorize: " + name + "=" + query.get(name) + ", expected " + expected);
        }
    }

    private void refuse(HttpExchange exchange, String problem) throws IOException {
        problems.add(problem);
        answer(exchange, 400, "{\"message\":\"" + problem.replace("\"", "'") + "\",\"status\":400}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    public static Map<String, String> query(String url) {
        return parse(URI.create(url).getRawQuery());
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

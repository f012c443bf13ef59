package io.vivreal.app.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Stripe API for any number of accounts (one per secret key), checking what Vivreal sends
 * the way Stripe does:
 *
 * <ul>
 *   <li>every request: {@code Authorization: Bearer <secret key of a known account>} (else {@code 401}
 *       with Stripe's error object), a {@code Stripe-Version} header;
 *   <li>{@code GET /v1/products}, {@code GET /v1/prices} ({@code limit} 1..100, {@code
 *       starting_after}, {@code product}): list objects with {@code has_more}; {@code GET
 *       /v1/products/:id} ({@code 404 resource_missing} when unknown);
 *   <li>{@code POST /v1/checkout/sessions}: {@code application/x-www-form-urlencoded} with Stripe's
 *       bracket syntax ({@code line_items[0][price]}), an {@code Idempotency-Key} (a key seen before
 *       answers the session made under it), {@code mode}, {@code success_url}, {@code cancel_url},
 *       prices of this account that are active ({@code 400} otherwise);
 *   <li>{@code GET /v1/promotion_codes?code=&active=true} with {@code expand[]=data.promotion.coupon}.
 * </ul>
 *
 * Each request is recorded ({@link #requests()}); a request that breaks the protocol adds its reason
 * to {@link #problems()}. {@link #sign} signs a webhook payload exactly like Stripe.
 */
public final class FakeStripe implements AutoCloseable {

    /** The one fake every test server points {@code vivreal.stripe.api-base} at. */
    public static final FakeStripe SERVER = new FakeStripe();

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Request(
            String method,
            String path,
            String secretKey,
            Map<String, List<String>> query,
            Map<String, List<String>> form,
            Map<String, String> headers) {

        public String param(String name) {
            List<String> values = form.containsKey(name) ? form.get(name) : query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** One Stripe account: its products, prices and promotion codes, in creation order. */
    public static final class Account {
        final Map<String, ObjectNode> products = new LinkedHashMap<>();
        final Map<String, ObjectNode> prices = new LinkedHashMap<>();
        final Map<String, ObjectNode> promotionCodes = new LinkedHashMap<>();
        final Map<String, ObjectNode> sessionsByKey = new ConcurrentHashMap<>();
        final List<ObjectNode> sessions = new CopyOnWriteArrayList<>();

        public synchronized ObjectNode product(String name, String description, String... images) {
            String id = "prod_" + token(14);
            ObjectNode product = JSON.createObjectNode();
            product.put("id", id).put("object", "product").put("active", true).put("created", 1_760_000_000L);
            product.putNull("default_price");
            product.put("description", description);
            ArrayNode imageList = product.putArray("images");
            for (String image : images) {
                imageList.add(image);
            }
            product.put("livemode", false);
            product.putObject("metadata");
            product.put("name", name).putNull("shippable");
            product.put("type", "service").put("updated", 1_760_000_000L).putNull("url");
            products.put(id, product);
            return product;
        }

        public synchronized ObjectNode price(ObjectNode product, long unitAmount, String currency) {
            String id = "price_" + token(14);
            ObjectNode price = JSON.createObjectNode();
            price.put("id", id).put("object", "price").put("active", true).put("billing_scheme", "per_unit");
            price.put("created", 1_760_000_000L).put("currency", currency).put("livemode", false);
            price.putNull("lookup_key");
            price.putObject("metadata");
            price.putNull("nickname");
            price.put("product", product.get("id").asString());
            price.putNull("recurring");
            price.put("tax_behavior", "unspecified").put("type", "one_time").put("unit_amount", unitAmount);
            price.put("unit_amount_decimal", Long.toString(unitAmount));
            prices.put(id, price);
            if (product.get("default_price").isNull()) {
                product.put("default_price", id);
            }
            return price;
        }

        public synchronized void archive(ObjectNode object) {
            object.put("active", false);
        }

        public synchronized void promotionCode(String code, Double percentOff, Long amountOff, String currency) {
            ObjectNode coupon = JSON.createObjectNode();
            coupon.put("id", "co_" + token(8)).put("object", "coupon");
            if (amountOff == null) {
                coupon.putNull("amount_off");
            } else {
                coupon.put("amount_off", amountOff);
            }
            coupon.put("created", 1_760_000_000L);
            if (currency == null) {
                coupon.putNull("currency");
            } else {
                coupon.put("currency", currency);
            }
            coupon.put("duration", "once").put("livemode", false);
            if (percentOff == null) {
                coupon.putNull("percent_off");
            } else {
                coupon.put("percent_off", percentOff);
            }
            coupon.put("valid", true).put("times_redeemed", 0);
            ObjectNode promo = JSON.createObjectNode();
            promo.put("id", "promo_" + token(10))
                    .put("object", "promotion_code")
                    .put("active", true);
            promo.put("code", code).put("created", 1_760_000_000L).putNull("expires_at");
            promo.put("livemode", false).putNull("max_redemptions");
            promo.putObject("metadata");
            ObjectNode promotion = promo.putObject("promotion");
            promotion.put("type", "coupon");
            promotion.set("coupon", coupon);
            promo.put("times_redeemed", 0);
            promotionCodes.put(code, promo);
        }

        public List<ObjectNode> sessions() {
            return List.copyOf(sessions);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();
    private final Map<String, Integer> imageFetches = new ConcurrentHashMap<>();

    public FakeStripe() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new account with a fresh secret key ({@code sk_test_...}). */
    public Map.Entry<String, Account> newAccount() {
        String key = "sk_test_" + token(24);
        Account account = new Account();
        accounts.put(key, account);
        return Map.entry(key, account);
    }

    public List<Request> requests(String secretKey) {
        return requests.stream().filter(r -> secretKey.equals(r.secretKey())).toList();
    }

    /** Serves {@code bytes} like Stripe's file host serves a product image; answers its URL. */
    public String image(byte[] bytes) {
        String name = "img_" + token(16) + ".png";
        images.put(name, bytes);
        return url() + "/files/" + name;
    }

    /** How often the server fetched an image URL. */
    public int imageFetches(String url) {
        return imageFetches.getOrDefault(url.substring(url.lastIndexOf('/') + 1), 0);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** {@code Stripe-Signature} for {@code payload} at {@code timestamp} (seconds), as Stripe computes it. */
    public static String sign(String payload, String webhookSecret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] v1 = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(v1);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event as Stripe posts it to a webhook endpoint. */
    public static String event(String type, ObjectNode object) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_" + token(20)).put("object", "event").put("api_version", "2025-11-17.clover");
        event.put("created", System.currentTimeMillis() / 1000);
        event.putObject("data").set("object", object);
        event.put("livemode", false).put("pending_webhooks", 1);
        event.putObject("request").putNull("id").putNull("idempotency_key");
        event.put("type", type);
        return event.toString();
    }

    public static String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Answer(int status, String json) {}

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("GET") && path.startsWith("/files/")) {
                String name = path.substring("/files/".length());
                byte[] image = images.get(name);
                imageFetches.merge(name, 1, Integer::sum);
                if (exchange.getRequestHeaders().getFirst("Authorization") != null) {
                    problems.add("the Stripe key was sent to the file host");
                }
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                exchange.sendResponseHeaders(image == null ? 404 : 200, image == null ? -1 : image.length);
                if (image != null) {
                    exchange.getResponseBody().write(image);
                }
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(1024 * 1024);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String key = authorization != null && authorization.startsWith("Bearer ")
                    ? authorization.substring("Bearer ".length())
                    : null;
            Map<String, List<String>> query = parse(exchange.getRequestURI().getRawQuery());
            Map<String, List<String>> form = Map.of();
            if (method.equals("POST")) {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                    problems.add("POST " + path + " is not form-encoded: " + type);
                }
                form = parse(new String(body, StandardCharsets.UTF_8));
            } else if (body.length > 0) {
                problems.add(method + " " + path + " has a body");
            }
            requests.add(new Request(method, path, key, query, form, headers));
            if (exchange.getRequestHeaders().getFirst("Stripe-Version") == null) {
                problems.add(method + " " + path + " without Stripe-Version");
            }
            Account account = key == null ? null : accounts.get(key);
            if (account == null) {
                send(exchange, error(401, "invalid_request_error", null, "Invalid API Key provided"));
                return;
            }
            Answer answer;
            synchronized (account) {
                answer = route(account, method, path, query, form, exchange);
            }
            send(exchange, answer);
        } catch (RuntimeException e) {
            problems.add("the fake failed: " + e);
            send(exchange, new Answer(500, "{\"error\":{\"type\":\"api_error\",\"message\":\"fake failed\"}}"));
        }
    }

    private Answer route(
            Account account,
            String method,
            String path,
            Map<String, List<String>> query,
            Map<String, List<String>> form,
            HttpExchange exchange) {
        if (method.equals("GET") && path.equals("/v1/products")) {
            return list(path, List.copyOf(account.products.values()), query);
        }
        if (method.equals("GET") && path.startsWith("/v1/products/")) {
            ObjectNode product = account.products.get(path.substring("/v1/products/".length()));
            return product == null
                    ? error(404, "invalid_request_error", "resource_missing", "No such product")
                    : new Answer(200, product.toString());
        }
        if (method.equals("GET") && path.equals("/v1/prices")) {
            String product = first(query, "product");
            return list(
                    path,
                    account.prices.values().stream()
                            .filter(p -> product == null
                                    || product.equals(p.get("product").asString()))
                            .toList(),
                    query);
        }
        if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
            return checkout(account, form, exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        }
        if (method.equals("GET") && path.equals("/v1/promotion_codes")) {
            if (!"true".equals(first(query, "active"))) {
                problems.add("promotion codes listed without active=true");
            }
            ObjectNode promo = account.promotionCodes.get(first(query, "code"));
            ObjectNode copy = promo == null ? null : promo.deepCopy();
            boolean expanded = query.entrySet().stream()
                    .anyMatch(e -> e.getKey().matches("expand\\[\\d*\\]")
                            && e.getValue().contains("data.promotion.coupon"));
            if (copy != null && !expanded) {
                ((ObjectNode) copy.get("promotion"))
                        .put(
                                "coupon",
                                copy.get("promotion").get("coupon").get("id").asString());
            }
            return list(path, copy == null ? List.of() : List.of(copy), query);
        }
        problems.add("unexpected request " + method + " " + path);
        return error(404, "invalid_request_error", "resource_missing", "Unrecognized request URL");
    }

    private Answer list(String url, List<ObjectNode> all, Map<String, List<String>> query) {
        int limit = first(query, "limit") == null ? 10 : Integer.parseInt(first(query, "limit"));
        if (limit < 1 || limit > 100) {
            return error(400, "invalid_request_error", "parameter_invalid_integer", "limit must be 1..100");
        }
        String after = first(query, "starting_after");
        int start = 0;
        if (after != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).get("id").asString().equals(after)) {
                    start = i + 1;
                }
            }
            if (start < 0) {
                return error(400, "invalid_request_error", "resource_missing", "No such object: " + after);
            }
        }
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        all.subList(start, Math.min(all.size(), start + limit)).forEach(data::add);
        list.put("has_more", start + limit < all.size());
        list.put("url", url);
        return new Answer(200, list.toString());
    }

    private Answer checkout(Account account, Map<String, List<String>> form, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            problems.add("checkout session without a usable Idempotency-Key");
        } else if (account.sessionsByKey.containsKey(idempotencyKey)) {
            return new Answer(200, account.sessionsByKey.get(idempotencyKey).toString());
        }
        for (String required : List.of("mode", "success_url", "cancel_url", "line_items[0][price]")) {
            if (first(form, required) == null) {
                return error(400, "invalid_request_error", "parameter_missing", "Missing required param: " + required);
            }
        }
        long total = 0;
        String currency = null;
        for (int i = 0; first(form, "line_items[" + i + "][price]") != null; i++) {
            ObjectNode price = account.prices.get(first(form, "line_items[" + i + "][price]"));
            String quantity = first(form, "line_items[" + i + "][quantity]");
            if (price == null || !price.get("active").asBoolean()) {
                return error(400, "invalid_request_error", "resource_missing", "No such price");
            }
            if (quantity == null || Long.parseLong(quantity) < 1) {
                return error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid quantity");
            }
            total += price.get("unit_amount").asLong() * Long.parseLong(quantity);
            currency = price.get("currency").asString();
        }
        String id = "cs_test_" + token(40);
        ObjectNode session = JSON.createObjectNode();
        session.put("id", id).put("object", "checkout.session").put("amount_total", total);
        session.put("cancel_url", first(form, "cancel_url")).put("currency", currency);
        session.put("livemode", false).put("mode", first(form, "mode")).put("payment_status", "unpaid");
        session.put("status", "open").put("success_url", first(form, "success_url"));
        session.put("url", "https://checkout.stripe.com/c/pay/" + id);
        if (idempotencyKey != null) {
            account.sessionsByKey.put(idempotencyKey, session);
        }
        account.sessions.add(session);
        return new Answer(200, session.toString());
    }

    private static Answer error(int status, String type, String code, String message) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("type", type).put("message", message);
        if (code != null) {
            inner.put("code", code);
        }
        return new Answer(status, error.toString());
    }

    private static String first(Map<String, List<String>> params, String name) {
        return Optional.ofNullable(params.get(name))
                .filter(v -> !v.isEmpty())
                .map(v -> v.get(0))
                .orElse(null);
    }

    private static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + token(14));
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

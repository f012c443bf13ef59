package io.vivreal.distribution.payments;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry;
import io.vivreal.content.sites.Site;
import io.vivreal.content.sites.SiteRepository;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.tenancy.TenantScope;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * A site's {@code createCheckoutSession}: a Stripe Checkout session for a cart whose prices come
 * only from the group's synced products — the request names price ids and quantities, never an
 * amount. A price this group did not sync, or one Stripe archived, is a 400 naming it; quantities are
 * whole numbers 1–99, at most {@link #MAX_LINES} lines. The success and cancel URLs are built from
 * {@code originUrl}'s origin, which must be one of the group's site domains over https, so a
 * checkout cannot send buyers (with their session id) to someone else's site. The {@code
 * Idempotency-Key} is derived from the group, the sorted priced lines, the buyer's address and a
 * ten-minute bucket: a double click makes one session, another buyer's identical cart another.
 */
public final class CheckoutSessions {

    static final int MAX_LINES = 50;
    static final int MAX_QUANTITY = 99;
    static final long PER_ADDRESS = 20;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    static final Duration IDEMPOTENCY_BUCKET = Duration.ofMinutes(10);
    static final Pattern PRICE_ID = Pattern.compile("price_[A-Za-z0-9]{1,100}");
    private static final Set<String> BODY = Set.of("products", "requiresShipping", "originUrl");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1");

    private record Line(String price, long quantity) {}

    private record Priced(String price, String name, long quantity, long amount, String currency) {}

    private final StripeApi api;
    private final StripeAccounts accounts;
    private final StripeProducts products;
    private final SiteRepository sites;
    private final Orders orders;
    private final RateLimiter limiter;
    private final List<AllowedCountry> shippingCountries;
    private final Clock clock;

    CheckoutSessions(
            StripeApi api,
            StripeAccounts accounts,
            StripeProducts products,
            SiteRepository sites,
            Orders orders,
            RateLimiter limiter,
            List<AllowedCountry> shippingCountries,
            Clock clock) {
        this.api = api;
        this.accounts = accounts;
        this.products = products;
        this.sites = sites;
        this.orders = orders;
        this.limiter = limiter;
        this.shippingCountries = List.copyOf(shippingCountries);
        this.clock = clock;
    }

    /** The Checkout URL; empty when the group has no Stripe connection. */
    public Optional<String> create(TenantScope scope, String clientAddress, Map<String, Object> body) {
        if (body == null) {
            throw DomainException.invalid("products", "products is required");
        }
        for (String key : body.keySet()) {
            if (!BODY.contains(key)) {
                throw DomainException.invalid(key, key + ": unknown property");
            }
        }
        List<Line> lines = lines(body.get("products"));
        Object shipping = body.get("requiresShipping");
        if (shipping != null && !(shipping instanceof Boolean)) {
            throw DomainException.invalid("requiresShipping", "requiresShipping must be true or false");
        }
        boolean requiresShipping = Boolean.TRUE.equals(shipping);
        String origin = origin(scope, body.get("originUrl"));
        Optional<StripeAccount> account = accounts.find(scope);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        List<Priced> priced = price(scope, lines);
        String currency = priced.get(0).currency();
        RateLimiter.Decision decision =
                limiter.attempt("checkout:" + scope.groupID() + ":" + hash(clientAddress), PER_ADDRESS, ADDRESS_WINDOW);
        if (!decision.allowed()) {
            throw new RateLimitedException("too many checkouts; retry later", decision.retryAfter());
        }
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl(origin + "/checkout/success?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl(origin + "/checkout/cancel")
                .setAllowPromotionCodes(true);
        for (Priced line : priced) {
            params.addLineItem(SessionCreateParams.LineItem.builder()
                    .setPrice(line.price())
                    .setQuantity(line.quantity())
                    .build());
        }
        if (requiresShipping) {
            params.setShippingAddressCollection(SessionCreateParams.ShippingAddressCollection.builder()
                    .addAllAllowedCountry(shippingCountries)
                    .build());
        }
        String key = idempotencyKey(scope, priced, requiresShipping, origin, clientAddress);
        Session session;
        try {
            session = api.client(account.get().secretKey())
                    .v1()
                    .checkout()
                    .sessions()
                    .create(
                            params.build(),
                            RequestOptions.builder().setIdempotencyKey(key).build());
        } catch (InvalidRequestException e) {
            throw DomainException.invalid("products", "Stripe refused this cart; the catalogue may have changed");
        } catch (StripeException | RuntimeException e) {
            throw StripeConnections.unavailable();
        }
        if (session.getUrl() == null || !session.getUrl().startsWith("https://")) {
            throw StripeConnections.unavailable();
        }
        List<Document> orderLines = priced.stream()
                .map(line -> new Document("price", line.price())
                        .append("name", line.name())
                        .append("quantity", line.quantity())
                        .append("amount", line.amount() * line.quantity()))
                .toList();
        long total = priced.stream()
                .mapToLong(line -> line.amount() * line.quantity())
                .sum();
        orders.recordOpen(scope, session.getId(), orderLines, total, currency, clock.instant());
        return Optional.of(session.getUrl());
    }

    private static List<Line> lines(Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw DomainException.invalid("products", "products must be a non-empty list of {price, quantity}");
        }
        if (list.size() > MAX_LINES) {
            throw DomainException.invalid("products", "products must have at most " + MAX_LINES + " lines");
        }
        List<Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "products[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> line)) {
                throw DomainException.invalid(field, field + " must be an object {price, quantity}");
            }
            for (Object key : line.keySet()) {
                if (!"price".equals(key) && !"quantity".equals(key)) {
                    throw DomainException.invalid(field, field + "." + key + ": unknown property");
                }
            }
            String price = line.get("price") instanceof String text
                            && PRICE_ID.matcher(text).matches()
                    ? text
                    : null;
            if (price == null) {
                throw DomainException.invalid(field + ".price", field + ".price must be a Stripe price id (price_...)");
            }
            Object quantity = line.get("quantity");
            long count = quantity instanceof Integer || quantity instanceof Long ? ((Number) quantity).longValue() : 0;
            if (count < 1 || count > MAX_QUANTITY) {
                throw DomainException.invalid(
                        field + ".quantity", field + ".quantity must be a whole number from 1 to " + MAX_QUANTITY);
            }
            if (!seen.add(price)) {
                throw DomainException.invalid(field + ".price", field + ".price is listed twice");
            }
            lines.add(new Line(price, count));
        }
        return lines;
    }

    /** {@code scheme://host[:port]} of {@code originUrl} when it is https on one of the group's site domains. */
    private String origin(TenantScope scope, Object raw) {
        String problem = "originUrl must be an https URL on one of this group's site domains";
        if (!(raw instanceof String text) || text.isBlank() || text.length() > 2048) {
            throw DomainException.invalid("originUrl", problem);
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw DomainException.invalid("originUrl", problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("https") || (scheme.equals("http") && LOOPBACK.contains(host));
        if (!secure
                || host.isEmpty()
                || uri.getRawUserInfo() != null
                || !siteDomains(scope).contains(host)) {
            throw DomainException.invalid("originUrl", problem);
        }
        return scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private Set<String> siteDomains(TenantScope scope) {
        Set<String> domains = new HashSet<>();
        for (Site site : sites.list(scope, 200, 0)) {
            String domain = site.content().domainName();
            if (domain != null) {
                domains.add(domain.toLowerCase(Locale.ROOT));
            }
        }
        return domains;
    }

    private List<Priced> price(TenantScope scope, List<Line> lines) {
        List<Priced> priced = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String field = "products[" + i + "].price";
            String refusal = field + ": " + line.price() + " is not for sale here";
            Document product =
                    products.byPrice(scope, line.price()).orElseThrow(() -> DomainException.invalid(field, refusal));
            Document value = product.get("objectValue", new Document());
            if (Boolean.TRUE.equals(product.getBoolean("archived"))
                    || !Boolean.TRUE.equals(value.getBoolean("active"))) {
                throw DomainException.invalid(field, refusal);
            }
            Document price = value.getList("prices", Document.class, List.of()).stream()
                    .filter(p -> line.price().equals(p.getString("id")))
                    .findFirst()
                    .orElseThrow(() -> DomainException.invalid(field, refusal));
            Number amount = price.get("unit_amount", Number.class);
            if (!Boolean.TRUE.equals(price.getBoolean("active")) || amount == null) {
                throw DomainException.invalid(field, refusal);
            }
            if (!"one_time".equals(price.getString("type"))) {
                throw DomainException.invalid(field, field + ": recurring prices are not sold through this checkout");
            }
            if (currency != null && !currency.equals(price.getString("currency"))) {
                throw DomainException.invalid(field, field + ": every line must be in the same currency");
            }
            currency = price.getString("currency");
            priced.add(
                    new Priced(line.price(), value.getString("name"), line.quantity(), amount.longValue(), currency));
        }
        return priced;
    }

    private String idempotencyKey(
            TenantScope scope, List<Priced> priced, boolean shipping, String origin, String clientAddress) {
        List<String> sorted = priced.stream()
                .map(line -> line.price() + "x" + line.quantity() + "@" + line.amount())
                .sorted()
                .toList();
        long bucket = clock.millis() / IDEMPOTENCY_BUCKET.toMillis();
        return "vivreal-checkout-"
                + hash(scope.groupID() + "|" + String.join(",", sorted) + "|" + shipping + "|" + origin + "|"
                        + clientAddress + "|" + bucket);
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }
}

package io.vivreal.distribution.payments;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.StripeCollection;
import com.stripe.param.PriceListParams;
import com.stripe.param.ProductListParams;
import io.vivreal.core.tenancy.TenantScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Copies a group's Stripe catalogue into its integration objects: all of it (on connect, on
 * demand), or one product (on a verified {@code product.*} or {@code price.*} webhook). Lists are
 * read page by page ({@code has_more}, {@code starting_after}) in pages small enough for the
 * outbound answer cap, and bounded: at most {@link #MAX_PRODUCTS} products and {@link #MAX_PRICES}
 * prices per group. Only a sync that read the whole catalogue archives what it did not see. One
 * sync per group runs at a time; a second asks again later.
 */
public final class ProductSync {

    static final int MAX_PRODUCTS = 1_000;
    static final int MAX_PRICES = 5_000;
    static final int PRICES_PER_PRODUCT = 100;
    static final long PAGE = 20;
    private static final Set<String> ZERO_DECIMAL = Set.of(
            "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof",
            "xpf");

    /** What a sync did. */
    public record Outcome(int products, boolean complete) {}

    private final StripeApi api;
    private final StripeProducts products;
    private final StripeAccounts accounts;
    private final ProductImages images;
    private final Consumer<String> changed;
    private final Clock clock;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    ProductSync(
            StripeApi api,
            StripeProducts products,
            StripeAccounts accounts,
            ProductImages images,
            Consumer<String> changed,
            Clock clock) {
        this.api = api;
        this.products = products;
        this.accounts = accounts;
        this.images = images;
        this.changed = changed;
        this.clock = clock;
    }

    /** Syncs the whole catalogue; empty when a sync of this group is already running. */
    Optional<Outcome> syncAll(TenantScope scope, StripeAccount account) throws StripeException {
        if (!running.add(scope.groupID())) {
            return Optional.empty();
        }
        try {
            StripeClient client = api.client(account.secretKey());
            List<Product> listed = new ArrayList<>();
            boolean complete = true;
            String after = null;
            while (true) {
                ProductListParams.Builder params = ProductListParams.builder().setLimit(PAGE);
                if (after != null) {
                    params.setStartingAfter(after);
                }
                StripeCollection<Product> page = client.v1().products().list(params.build());
                listed.addAll(page.getData());
                if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
                    break;
                }
                if (listed.size() >= MAX_PRODUCTS) {
                    complete = false;
                    break;
                }
                after = page.getData().get(page.getData().size() - 1).getId();
            }
            Map<String, List<Price>> prices = new HashMap<>();
            int priceCount = 0;
            after = null;
            while (true) {
                PriceListParams.Builder params = PriceListParams.builder().setLimit(PAGE);
                if (after != null) {
                    params.setStartingAfter(after);
                }
                StripeCollection<Price> page = client.v1().prices().list(params.build());
                for (Price price : page.getData()) {
                    prices.computeIfAbsent(price.getProduct(), id -> new ArrayList<>())
                            .add(price);
                }
                priceCount += page.getData().size();
                if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
                    break;
                }
                if (priceCount >= MAX_PRICES) {
                    complete = false;
                    break;
                }
                after = page.getData().get(page.getData().size() - 1).getId();
            }
            Instant now = clock.instant();
            List<String> seen = new ArrayList<>();
            for (Product product : listed.subList(0, Math.min(listed.size(), MAX_PRODUCTS))) {
                write(scope, product, prices.getOrDefault(product.getId(), List.of()), now);
                seen.add(product.getId());
            }
            if (complete) {
                products.archiveAllExcept(scope, seen, now);
            }
            accounts.markSynced(scope, now);
            changed.accept(scope.groupID());
            return Optional.of(new Outcome(seen.size(), complete));
        } finally {
            running.remove(scope.groupID());
        }
    }

    /** Syncs one product and its prices, as a webhook about it asks; a product Stripe no longer has is archived. */
    void syncProduct(TenantScope scope, StripeAccount account, String productId) throws StripeException {
        StripeClient client = api.client(account.secretKey());
        Product product;
        try {
            product = client.v1().products().retrieve(productId);
        } catch (InvalidRequestException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                products.archive(scope, productId, clock.instant());
                changed.accept(scope.groupID());
                return;
            }
            throw e;
        }
        List<Price> prices = new ArrayList<>();
        String after = null;
        while (prices.size() < PRICES_PER_PRODUCT) {
            PriceListParams.Builder params =
                    PriceListParams.builder().setLimit(PAGE).setProduct(productId);
            if (after != null) {
                params.setStartingAfter(after);
            }
            StripeCollection<Price> page = client.v1().prices().list(params.build());
            prices.addAll(page.getData());
            if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
                break;
            }
            after = page.getData().get(page.getData().size() - 1).getId();
        }
        write(scope, product, prices, clock.instant());
        changed.accept(scope.groupID());
    }

    private void write(TenantScope scope, Product product, List<Price> prices, Instant now) {
        boolean active = Boolean.TRUE.equals(product.getActive()) && !Boolean.TRUE.equals(product.getDeleted());
        List<Document> priceValues = new ArrayList<>();
        Price defaultPrice = null;
        long activePrices = 0;
        for (Price price : prices) {
            boolean priceActive = Boolean.TRUE.equals(price.getActive());
            activePrices += priceActive ? 1 : 0;
            priceValues.add(new Document("id", price.getId())
                    .append("unit_amount", price.getUnitAmount())
                    .append("currency", price.getCurrency())
                    .append("price", major(price.getUnitAmount(), price.getCurrency()))
                    .append("nickname", price.getNickname())
                    .append("type", price.getType())
                    .append(
                            "interval",
                            price.getRecurring() == null
                                    ? null
                                    : price.getRecurring().getInterval())
                    .append("active", priceActive));
            if (price.getId().equals(product.getDefaultPrice())) {
                defaultPrice = price;
            }
        }
        if (defaultPrice == null) {
            defaultPrice = prices.stream()
                    .filter(p -> Boolean.TRUE.equals(p.getActive()))
                    .findFirst()
                    .orElse(null);
        }
        Map<String, String> metadata = product.getMetadata() == null ? Map.of() : product.getMetadata();
        Document value = new Document("name", product.getName())
                .append("description", product.getDescription())
                .append(
                        "price",
                        defaultPrice == null ? null : major(defaultPrice.getUnitAmount(), defaultPrice.getCurrency()))
                .append("default_price", defaultPrice == null ? null : defaultPrice.getId())
                .append("currency", defaultPrice == null ? null : defaultPrice.getCurrency())
                .append("unit_amount", defaultPrice == null ? null : defaultPrice.getUnitAmount())
                .append("productType", metadata.getOrDefault("productType", product.getType()))
                .append("active", active)
                .append("shippable", product.getShippable())
                .append("metadata", new Document(new LinkedHashMap<String, Object>(metadata)))
                .append("prices", priceValues);
        String imageSource = product.getImages() == null || product.getImages().isEmpty()
                ? null
                : product.getImages().get(0);
        if (imageSource != null) {
            Document copied = products.find(scope, product.getId())
                    .filter(existing -> imageSource.equals(existing.getString("imageSource")))
                    .map(existing -> existing.get("objectValue", new Document()).get("productImage", Document.class))
                    .orElse(null);
            if (copied == null) {
                copied = images.copy(scope, product.getId(), imageSource).orElse(null);
            }
            if (copied != null) {
                value.append("productImage", copied);
            }
        }
        products.upsert(scope, product.getId(), value, imageSource, activePrices > 1, active, now);
    }

    /** An amount in the currency's major unit (12.5 for 1250 cents; 1250 for 1250 yen). */
    static Double major(Long minor, String currency) {
        if (minor == null || currency == null) {
            return null;
        }
        return BigDecimal.valueOf(minor).movePointLeft(decimals(currency)).doubleValue();
    }

    /** How many decimals a currency's amounts have in Stripe (none for yen and the like). */
    static int decimals(String currency) {
        return currency != null && ZERO_DECIMAL.contains(currency) ? 0 : 2;
    }

    /** Tells the read caches that this group's products changed. */
    void announce(String groupID) {
        changed.accept(groupID);
    }
}

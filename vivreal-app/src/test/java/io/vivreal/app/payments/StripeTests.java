package io.vivreal.app.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.vivreal.app.fakes.FakeStripe;
import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.media.MediaTestSupport;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.crypto.EncryptedFieldStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 11 item 7 against a local Stripe ({@link FakeStripe}): the owner connects the group's own
 * key (checked with Stripe, stored encrypted, never answered), products sync into integration
 * objects, checkout is priced only from them, promotion codes are looked up, and signed webhooks
 * resync products and record orders whose confirmation is mailed once.
 */
class StripeTests extends MediaTestSupport {

    private static final FakeStripe STRIPE = FakeStripe.SERVER;
    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    MongoClient mongo;

    @Autowired
    List<EncryptedFieldStore> stores;

    @Autowired
    CredentialCipher cipher;

    Fixtures.User owner;
    String group;
    String apiKey;
    String domain;
    String secretKey;
    String webhookSecret;
    FakeStripe.Account account;
    ObjectNode poster;
    ObjectNode posterPrice;
    ObjectNode shirt;
    ObjectNode shirtSmall;
    ObjectNode shirtLarge;
    ObjectNode oldPrice;

    @BeforeEach
    void shop() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        apiKey = fixtures.apiKey(owner, group);
        domain = "shop-" + FakeStripe.token(8).toLowerCase(java.util.Locale.ROOT) + ".example.com";
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("name", "Shop");
        site.put("domainName", domain);
        Http.Response created = http.post("/api/groups/" + group + "/sites", site, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map.Entry<String, FakeStripe.Account> entry = STRIPE.newAccount();
        secretKey = entry.getKey();
        account = entry.getValue();
        webhookSecret = "whsec_" + FakeStripe.token(32);
        poster = account.product("Poster", "A <b>bold</b> print");
        posterPrice = account.price(poster, 2500, "usd");
        shirt = account.product("Shirt", "Cotton");
        shirtSmall = account.price(shirt, 3000, "usd");
        shirtLarge = account.price(shirt, 3500, "usd");
        ObjectNode old = account.product("Old mug", "Gone");
        oldPrice = account.price(old, 900, "usd");
        account.archive(old);
    }

    @AfterEach
    void stripeSawOnlyItsProtocol() {
        assertThat(STRIPE.problems()).isEmpty();
    }

    private String payments() {
        return "/api/groups/" + group + "/payments/stripe";
    }

    private Http.Response connect() {
        return http.put(payments(), Map.of("secretKey", secretKey, "webhookSecret", webhookSecret), owner.auth());
    }

    private Http.Response checkout(String key, Object body) {
        return http.post("/tenant/createCheckoutSession", body, "Authorization", key);
    }

    private Map<String, Object> cart(List<Map<String, Object>> products, String originUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("products", products);
        body.put("requiresShipping", false);
        body.put("originUrl", originUrl);
        return body;
    }

    private static Map<String, Object> line(Object price, Object quantity) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("price", price);
        line.put("quantity", quantity);
        return line;
    }

    private static String id(ObjectNode object) {
        return object.get("id").asString();
    }

    private List<FakeStripe.Request> checkoutRequests() {
        return STRIPE.requests(secretKey).stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/v1/checkout/sessions"))
                .toList();
    }

    private MongoCollection<Document> collection(String name) {
        String dbKey = http.get("/api/groups/" + group, owner.auth())
                .json()
                .get("dbKey")
                .asString();
        return mongo.getDatabase(dbKey).getCollection(name);
    }

    private String webhookPath() {
        String url = http.get(payments(), owner.auth()).json().get("webhookUrl").asString();
        return url.substring(url.indexOf("/webhooks/stripe/"));
    }

    private Http.Response webhook(String path, String payload, String signature) {
        return signature == null ? http.post(path, payload) : http.post(path, payload, "Stripe-Signature", signature);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private JsonNode products() {
        Http.Response listed = http.get("/tenant/integrationObjects?type=stripe&limit=100", "Authorization", apiKey);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json().get("data").get("items");
    }

    @Test
    void connectChecksTheKeyWithStripeStoresItEncryptedAndNeverAnswersIt() {
        Fixtures.User admin = fixtures.user();
        fixtures.addMember(owner, group, admin, "admin");
        Map<String, Object> body = Map.of("secretKey", secretKey, "webhookSecret", webhookSecret);
        assertThat(http.put(payments(), body, admin.auth()).status()).isEqualTo(403);
        assertThat(http.put(payments(), body, fixtures.user().auth()).status()).isEqualTo(404);

        Http.Response badKey = http.put(
                payments(), Map.of("secretKey", "pk_test_abc123456789", "webhookSecret", webhookSecret), owner.auth());
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().get("field").asString()).isEqualTo("secretKey");
        Http.Response badSecret =
                http.put(payments(), Map.of("secretKey", secretKey, "webhookSecret", "secret"), owner.auth());
        assertThat(badSecret.status()).isEqualTo(400);
        assertThat(badSecret.json().get("field").asString()).isEqualTo("webhookSecret");
        Http.Response refused = http.put(
                payments(),
                Map.of("secretKey", "sk_test_" + FakeStripe.token(24), "webhookSecret", webhookSecret),
                owner.auth());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("secretKey");
        assertThat(http.get(payments(), owner.auth()).json().get("connected").asBoolean())
                .isFalse();

        Http.Response connected = connect();
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().get("connected").asBoolean()).isTrue();
        assertThat(connected.json().get("accountHint").asString())
                .isEqualTo(secretKey.substring(secretKey.length() - 4));
        assertThat(connected.json().get("products").asLong()).isEqualTo(2);
        assertThat(connected.json().get("lastSyncAt").isString()).isTrue();
        assertThat(connected.body()).doesNotContain(secretKey).doesNotContain(webhookSecret);
        assertThat(http.get(payments(), admin.auth()).status()).isEqualTo(403);
        assertThat(STRIPE.requests(secretKey).get(0).headers().get("Authorization"))
                .isEqualTo("Bearer " + secretKey);

        Document stored = collection("payments")
                .find(Filters.and(Filters.eq("groupID", group), Filters.eq("provider", "stripe")))
                .first();
        assertThat(stored.getString("secretKey")).startsWith("enc:v1:");
        assertThat(stored.getString("webhookSecret")).startsWith("enc:v1:");
        assertThat(stored.toJson()).doesNotContain("sk_test_").doesNotContain(webhookSecret);
        JsonNode audit =
                http.get("/api/groups/" + group + "/audit", owner.auth()).json();
        assertThat(audit.toString()).contains("payments.stripe.connected");
    }

    @Test
    void theKeyRotationSeesBothStripeSecretsUnderTheirBinding() {
        assertThat(connect().status()).isEqualTo(200);
        EncryptedFieldStore store = stores.stream()
                .filter(s -> s.name().equals("stripe secrets"))
                .findFirst()
                .orElseThrow();
        List<EncryptedField> mine = new ArrayList<>();
        Optional<EncryptedField> after = Optional.empty();
        for (List<EncryptedField> batch = store.batchNotUnder("none", after, 2);
                !batch.isEmpty();
                batch = store.batchNotUnder("none", after, 2)) {
            batch.stream().filter(f -> f.binding().groupID().equals(group)).forEach(mine::add);
            after = Optional.of(batch.get(batch.size() - 1));
        }
        assertThat(mine).extracting(EncryptedField::path).containsExactlyInAnyOrder("secretKey", "webhookSecret");
        for (EncryptedField field : mine) {
            String plain = cipher.decrypt(field.ciphertext(), field.binding());
            assertThat(plain).isIn(secretKey, webhookSecret);
            String again = cipher.encrypt(plain, field.binding());
            assertThat(store.replace(field, again)).isTrue();
            assertThat(store.replace(field, again))
                    .as("compare-and-set on the value read")
                    .isFalse();
        }
        assertThat(http.post(payments() + "/sync", null, owner.auth()).status())
                .as("the re-encrypted key still works")
                .isEqualTo(200);
    }

    @Test
    void syncWritesEachProductAsAnIntegrationObjectSitesList() {
        assertThat(connect().status()).isEqualTo(200);
        JsonNode items = products();
        assertThat(items).hasSize(2);
        JsonNode shirtObject = null;
        for (JsonNode item : items) {
            assertThat(item.get("platform").asString()).isEqualTo("stripe");
            assertThat(item.get("objectValue").get("_id").asString())
                    .isEqualTo(item.get("_id").asString());
            if (item.get("objectValue").get("name").asString().equals("Shirt")) {
                shirtObject = item;
            }
        }
        assertThat(shirtObject).isNotNull();
        JsonNode value = shirtObject.get("objectValue");
        assertThat(shirtObject.get("usingVariant").asBoolean()).isTrue();
        assertThat(value.get("default_price").asString()).isEqualTo(id(shirtSmall));
        assertThat(value.get("price").asDouble()).isEqualTo(30.0);
        assertThat(value.get("unit_amount").asLong()).isEqualTo(3000);
        assertThat(value.get("currency").asString()).isEqualTo("usd");
        assertThat(value.get("productType").asString()).isEqualTo("service");
        assertThat(value.get("active").asBoolean()).isTrue();
        assertThat(value.get("prices")).hasSize(2);
        assertThat(items.toString()).doesNotContain("Old mug");
    }

    @Test
    void syncPagesThroughLongCataloguesWithStartingAfter() {
        for (int i = 0; i < 45; i++) {
            account.price(account.product("Print " + i, "no. " + i), 1000 + i, "usd");
        }
        Http.Response connected = connect();
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().get("products").asLong()).isEqualTo(47);
        List<FakeStripe.Request> pages = STRIPE.requests(secretKey).stream()
                .filter(r -> r.path().equals("/v1/products"))
                .toList();
        assertThat(pages.get(pages.size() - 1).param("starting_after")).startsWith("prod_");
        assertThat(pages.stream().skip(1).map(r -> r.param("limit")))
                .as("the key check lists one product, the sync pages of 20")
                .hasSizeGreaterThanOrEqualTo(3)
                .allMatch("20"::equals);
    }

    @Test
    void productImagesAreCopiedIntoTheGroupsMediaSignedAndNeverFetchedTwice() {
        byte[] png = MediaFiles.image("png");
        String framedImage = STRIPE.image(png);
        account.price(account.product("Framed", "With a frame", framedImage), 4000, "usd");
        String bombImage = STRIPE.image(MediaFiles.pngClaiming(30_000, 30_000));
        account.price(account.product("Bomb", "30,000 × 30,000 pixels", bombImage), 100, "usd");
        String pageImage = STRIPE.image(MediaFiles.html());
        account.price(account.product("Page", "Not an image", pageImage), 100, "usd");
        assertThat(connect().status()).isEqualTo(200);

        Map<String, JsonNode> byName = new LinkedHashMap<>();
        products()
                .forEach(item -> byName.put(item.get("objectValue").get("name").asString(), item.get("objectValue")));
        JsonNode image = byName.get("Framed").get("productImage");
        assertThat(image.get("type").asString()).isEqualTo("image/png");
        String source = image.get("currentFile").get("source").asString();
        assertThat(source).startsWith(http.baseUrl() + "/media/").contains("sig=");
        Download downloaded = download(relative(source));
        assertThat(downloaded.status()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(png);
        assertThat(byName.get("Bomb").has("productImage"))
                .as("a decompression bomb is not stored")
                .isFalse();
        assertThat(byName.get("Page").has("productImage"))
                .as("only images are copied")
                .isFalse();
        assertThat(byName.get("Bomb").get("active").asBoolean())
                .as("the product itself still syncs")
                .isTrue();

        assertThat(http.post(payments() + "/sync", null, owner.auth()).status()).isEqualTo(200);
        assertThat(STRIPE.imageFetches(framedImage))
                .as("an image already copied is kept")
                .isEqualTo(1);
        assertThat(http.get("/api/groups/" + group + "/media", owner.auth())
                        .json()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void checkoutSendsOnlyTheSyncedPricesAndBuildsItsUrlsFromTheSiteOrigin() {
        assertThat(connect().status()).isEqualTo(200);
        Map<String, Object> body =
                cart(List.of(line(id(shirtLarge), 2), line(id(posterPrice), 1)), "https://" + domain + "/shop/cart");
        body.put("requiresShipping", true);
        Http.Response created = checkout(apiKey, body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("success").asBoolean()).isTrue();
        String url = created.json().get("data").asString();
        assertThat(url).startsWith("https://checkout.stripe.com/c/pay/cs_test_");

        List<FakeStripe.Request> sent = checkoutRequests();
        assertThat(sent).hasSize(1);
        FakeStripe.Request request = sent.get(0);
        assertThat(request.form().keySet())
                .containsExactlyInAnyOrder(
                        "allow_promotion_codes",
                        "cancel_url",
                        "line_items[0][price]",
                        "line_items[0][quantity]",
                        "line_items[1][price]",
                        "line_items[1][quantity]",
                        "mode",
                        "shipping_address_collection[allowed_countries][0]",
                        "shipping_address_collection[allowed_countries][1]",
                        "shipping_address_collection[allowed_countries][2]",
                        "shipping_address_collection[allowed_countries][3]",
                        "shipping_address_collection[allowed_countries][4]",
                        "shipping_address_collection[allowed_countries][5]",
                        "shipping_address_collection[allowed_countries][6]",
                        "shipping_address_collection[allowed_countries][7]",
                        "shipping_address_collection[allowed_countries][8]",
                        "shipping_address_collection[allowed_countries][9]",
                        "shipping_address_collection[allowed_countries][10]",
                        "shipping_address_collection[allowed_countries][11]",
                        "shipping_address_collection[allowed_countries][12]",
                        "shipping_address_collection[allowed_countries][13]",
                        "shipping_address_collection[allowed_countries][14]",
                        "shipping_address_collection[allowed_countries][15]",
                        "shipping_address_collection[allowed_countries][16]",
                        "shipping_address_collection[allowed_countries][17]",
                        "shipping_address_collection[allowed_countries][18]",
                        "success_url");
        assertThat(request.param("mode")).isEqualTo("payment");
        assertThat(request.param("line_items[0][price]")).isEqualTo(id(shirtLarge));
        assertThat(request.param("line_items[0][quantity]")).isEqualTo("2");
        assertThat(request.param("line_items[1][price]")).isEqualTo(id(posterPrice));
        assertThat(request.param("line_items[1][quantity]")).isEqualTo("1");
        assertThat(request.param("success_url"))
                .isEqualTo("https://" + domain + "/checkout/success?session_id={CHECKOUT_SESSION_ID}");
        assertThat(request.param("cancel_url")).isEqualTo("https://" + domain + "/checkout/cancel");
        assertThat(request.param("shipping_address_collection[allowed_countries][0]"))
                .isEqualTo("US");
        assertThat(request.headers().get("Idempotency-key")).startsWith("vivreal-checkout-");

        Http.Response again = checkout(apiKey, body);
        assertThat(again.json().get("data").asString())
                .as("a double click is one session")
                .isEqualTo(url);
        assertThat(account.sessions()).hasSize(1);
        Document order = collection("orders").find(Filters.eq("groupID", group)).first();
        assertThat(order.getString("status")).isEqualTo("open");
        assertThat(order.get("total", Number.class).longValue()).isEqualTo(2 * 3500 + 2500);
    }

    @Test
    void hostileCartsAreRefusedNamingTheFieldAndNothingReachesStripe() {
        assertThat(connect().status()).isEqualTo(200);
        String origin = "https://" + domain + "/cart";
        Map<String, Http.Response> answers = new LinkedHashMap<>();
        answers.put("products[0].price", checkout(apiKey, cart(List.of(line("price_madeUp123", 1)), origin)));
        answers.put("products[0].price ", checkout(apiKey, cart(List.of(line(id(oldPrice), 1)), origin)));
        answers.put("products[0].price  ", checkout(apiKey, cart(List.of(line("price_$ne", 1)), origin)));
        for (Object quantity : new Object[] {0, -1, 100, 1.5, "2", null}) {
            answers.put(
                    "products[0].quantity " + quantity,
                    checkout(apiKey, cart(List.of(line(id(posterPrice), quantity)), origin)));
        }
        for (String other : List.of(
                "https://evil.example.net/cart",
                "http://" + domain + "/cart",
                "https://" + domain + ".evil.net/",
                "https://user@" + domain + "/",
                "javascript:alert(1)",
                "")) {
            answers.put("originUrl " + other, checkout(apiKey, cart(List.of(line(id(posterPrice), 1)), other)));
        }
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(line("price_x" + i, 1));
        }
        answers.put("products", checkout(apiKey, cart(many, origin)));
        answers.forEach((field, answer) -> {
            assertThat(answer.status()).as(field + " " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("success").asBoolean()).isFalse();
            assertThat(answer.json().get("error").asString())
                    .contains(field.strip().split(" ")[0]);
        });

        // another group's synced price is not for sale here
        Fixtures.User otherOwner = fixtures.user();
        String otherGroup = fixtures.group(otherOwner);
        Map.Entry<String, FakeStripe.Account> other = STRIPE.newAccount();
        ObjectNode otherPrice = other.getValue().price(other.getValue().product("Theirs", "x"), 100, "usd");
        assertThat(http.put(
                                "/api/groups/" + otherGroup + "/payments/stripe",
                                Map.of("secretKey", other.getKey(), "webhookSecret", webhookSecret),
                                otherOwner.auth())
                        .status())
                .isEqualTo(200);
        Http.Response foreign = checkout(apiKey, cart(List.of(line(id(otherPrice), 1)), origin));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("error").asString()).contains("products[0].price");

        assertThat(checkoutRequests()).as("nothing was sent to Stripe").isEmpty();
        assertThat(collection("orders").countDocuments(Filters.eq("groupID", group)))
                .isZero();
    }

    @Test
    void withoutAConnectionCheckoutAndCouponsAnswerPaymentsNotConnected() {
        Http.Response checkout =
                checkout(apiKey, cart(List.of(line(id(posterPrice), 1)), "https://" + domain + "/cart"));
        assertThat(checkout.status()).isEqualTo(409);
        assertThat(checkout.body()).isEqualTo("{\"success\":false,\"data\":null,\"error\":\"PaymentsNotConnected\"}");
        Http.Response coupon = http.post("/tenant/validateCoupon", Map.of("code", "SUMMER"), "Authorization", apiKey);
        assertThat(coupon.status()).isEqualTo(409);
        assertThat(coupon.json().get("error").asString()).isEqualTo("PaymentsNotConnected");
        assertThat(STRIPE.requests(secretKey)).isEmpty();
    }

    @Test
    void promotionCodesAreLookedUpByCodeAndJunkIsRefused() {
        account.promotionCode("SUMMER-20", 20.0, null, null);
        assertThat(connect().status()).isEqualTo(200);
        Http.Response valid = http.post("/tenant/validateCoupon", Map.of("code", "SUMMER-20"), "Authorization", apiKey);
        assertThat(valid.status()).as(valid.body()).isEqualTo(200);
        JsonNode terms = valid.json().get("data");
        assertThat(terms.get("valid").asBoolean()).isTrue();
        assertThat(terms.get("code").asString()).isEqualTo("SUMMER-20");
        assertThat(terms.get("percentOff").asDouble()).isEqualTo(20.0);
        assertThat(terms.get("duration").asString()).isEqualTo("once");
        FakeStripe.Request lookup =
                STRIPE.requests(secretKey).get(STRIPE.requests(secretKey).size() - 1);
        assertThat(lookup.path()).isEqualTo("/v1/promotion_codes");
        assertThat(lookup.param("code")).isEqualTo("SUMMER-20");
        assertThat(lookup.param("active")).isEqualTo("true");

        Http.Response unknown = http.post("/tenant/validateCoupon", Map.of("code", "WINTER"), "Authorization", apiKey);
        assertThat(unknown.json().get("data").get("valid").asBoolean()).isFalse();

        int before = STRIPE.requests(secretKey).size();
        for (String junk : List.of("", "a b", "x&active=false", "SUMMER\n", "x".repeat(65), "{\"$ne\":1}")) {
            Http.Response refused = http.post("/tenant/validateCoupon", Map.of("code", junk), "Authorization", apiKey);
            assertThat(refused.status()).as(junk).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).contains("code");
        }
        assertThat(STRIPE.requests(secretKey)).hasSize(before);
    }

    @Test
    void signedProductWebhooksResyncAndForgedOnesChangeNothing() {
        assertThat(connect().status()).isEqualTo(200);
        String path = webhookPath();
        poster.put("name", "Poster, signed");
        String payload = FakeStripe.event("product.updated", poster.deepCopy());

        for (String forged : List.of(
                FakeStripe.sign(payload, "whsec_" + FakeStripe.token(32), now()),
                FakeStripe.sign(payload, webhookSecret, now() - 600),
                FakeStripe.sign(payload.replace("Poster, signed", "Poster, forged"), webhookSecret, now()),
                "t=" + now() + ",v1=" + "0".repeat(64),
                "garbage")) {
            assertThat(webhook(path, payload, forged).status()).as(forged).isEqualTo(400);
        }
        assertThat(webhook(path, payload, null).status()).isEqualTo(400);
        assertThat(webhook(
                                "/webhooks/stripe/" + FakeStripe.token(32),
                                payload,
                                FakeStripe.sign(payload, webhookSecret, now()))
                        .status())
                .isEqualTo(404);
        assertThat(products().toString()).doesNotContain("Poster, signed");

        Http.Response accepted = webhook(path, payload, FakeStripe.sign(payload, webhookSecret, now()));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(products().toString()).contains("Poster, signed");

        account.archive(posterPrice);
        String priceEvent = FakeStripe.event("price.updated", posterPrice.deepCopy());
        assertThat(webhook(path, priceEvent, FakeStripe.sign(priceEvent, webhookSecret, now()))
                        .status())
                .isEqualTo(200);
        Http.Response refused = checkout(apiKey, cart(List.of(line(id(posterPrice), 1)), "https://" + domain + "/"));
        assertThat(refused.status()).as("an archived price is not sold").isEqualTo(400);
    }

    @Test
    void anotherGroupsWebhookUrlDoesNotTakeThisGroupsSignature() {
        assertThat(connect().status()).isEqualTo(200);
        Fixtures.User otherOwner = fixtures.user();
        String otherGroup = fixtures.group(otherOwner);
        Map.Entry<String, FakeStripe.Account> other = STRIPE.newAccount();
        String otherSecret = "whsec_" + FakeStripe.token(32);
        http.put(
                "/api/groups/" + otherGroup + "/payments/stripe",
                Map.of("secretKey", other.getKey(), "webhookSecret", otherSecret),
                otherOwner.auth());
        String otherUrl = http.get("/api/groups/" + otherGroup + "/payments/stripe", otherOwner.auth())
                .json()
                .get("webhookUrl")
                .asString();
        String otherPath = otherUrl.substring(otherUrl.indexOf("/webhooks/stripe/"));
        assertThat(otherPath).isNotEqualTo(webhookPath());
        String payload = FakeStripe.event("product.updated", poster.deepCopy());
        assertThat(webhook(otherPath, payload, FakeStripe.sign(payload, webhookSecret, now()))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aCompletedCheckoutRecordsTheOrderOnceAndMailsTheBuyerOnce() {
        assertThat(connect().status()).isEqualTo(200);
        Http.Response created =
                checkout(apiKey, cart(List.of(line(id(posterPrice), 2)), "https://" + domain + "/cart"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        ObjectNode session = account.sessions().get(0).deepCopy();
        String sessionId = session.get("id").asString();
        String buyer = "buyer-" + FakeStripe.token(6).toLowerCase(java.util.Locale.ROOT) + "@example.com";
        session.put("status", "complete").put("payment_status", "paid");
        session.putObject("customer_details").put("email", buyer).put("name", "Ada <script>x</script>");
        String payload = FakeStripe.event("checkout.session.completed", session);
        String path = webhookPath();

        // the site asks before the event arrived: nothing to confirm yet
        Http.Response early = http.post(
                "/tenant/sendOrderPlacedEmail",
                Map.of("sessionId", sessionId, "siteName", "Shop"),
                "Authorization",
                apiKey);
        assertThat(early.status()).isEqualTo(409);

        assertThat(webhook(path, payload, FakeStripe.sign(payload, webhookSecret, now()))
                        .status())
                .isEqualTo(200);
        var mail = fixtures.outbox().await(buyer, m -> true);
        assertThat(mail.text()).contains("2 × Poster").contains("50.00 USD");
        assertThat(mail.html()).contains("Ada &lt;script&gt;").doesNotContain("<script>");

        assertThat(webhook(path, payload, FakeStripe.sign(payload, webhookSecret, now()))
                        .status())
                .as("a replay is acknowledged")
                .isEqualTo(200);
        Http.Response confirm = http.post(
                "/tenant/sendOrderPlacedEmail",
                Map.of("sessionId", sessionId, "siteName", "Shop"),
                "Authorization",
                apiKey);
        assertThat(confirm.status()).as(confirm.body()).isEqualTo(200);
        assertThat(confirm.body()).isEqualTo("{\"success\":true,\"data\":null,\"error\":null}");
        List<Document> orders =
                collection("orders").find(Filters.eq("groupID", group)).into(new ArrayList<>());
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).getString("status")).isEqualTo("paid");
        assertThat(orders.get(0).getString("email")).isEqualTo(buyer);
        assertThat(orders.get(0).getDate("confirmationSentAt")).isNotNull();
        assertThat(fixtures.outbox().countTo(buyer)).isEqualTo(1);

        // a confirmation not yet sent (the mail queue was full when the event came) goes out in the
        // site's own HTML, sanitised like a contact mail's
        collection("orders")
                .updateOne(
                        Filters.eq("stripeSessionId", sessionId),
                        new Document("$unset", new Document("confirmationSentAt", "")));
        Http.Response styled = http.post(
                "/tenant/sendOrderPlacedEmail",
                Map.of(
                        "sessionId",
                        sessionId,
                        "siteName",
                        "Shop",
                        "customHtml",
                        "<h1 onclick=\"steal()\">Thanks from the Shop</h1><script>steal()</script>"
                                + "<img src=\"https://tracker.example/p.gif\"><form action=\"https://evil.example\">"
                                + "<input name=\"card\"></form>"),
                "Authorization",
                apiKey);
        assertThat(styled.status()).as(styled.body()).isEqualTo(200);
        var siteMail = fixtures.outbox().await(buyer, m -> m.html().contains("Thanks from the Shop"));
        assertThat(siteMail.html())
                .doesNotContain("<script", "onclick", "tracker.example", "<form", "<input", "steal()");
        assertThat(siteMail.text()).contains("Thanks from the Shop");
        assertThat(fixtures.outbox().countTo(buyer)).isEqualTo(2);
        assertThat(http.post(
                                "/tenant/sendOrderPlacedEmail",
                                Map.of("sessionId", sessionId, "customHtml", "<p>again</p>"),
                                "Authorization",
                                apiKey)
                        .status())
                .isEqualTo(200);

        Http.Response unknown = http.post(
                "/tenant/sendOrderPlacedEmail", Map.of("sessionId", "cs_test_unknown"), "Authorization", apiKey);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asString()).isEqualTo("NotFound");
        Fixtures.User otherOwner = fixtures.user();
        String otherKey = fixtures.apiKey(otherOwner, fixtures.group(otherOwner));
        assertThat(http.post("/tenant/sendOrderPlacedEmail", Map.of("sessionId", sessionId), "Authorization", otherKey)
                        .status())
                .as("another group's key does not reach this order")
                .isEqualTo(404);
        assertThat(http.post("/tenant/sendOrderPlacedEmail", Map.of("sessionId", "cs_$where"), "Authorization", apiKey)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void disconnectForgetsTheKeyTheProductsAndTheWebhookUrl() {
        assertThat(connect().status()).isEqualTo(200);
        String path = webhookPath();
        assertThat(http.delete(payments(), owner.auth()).status()).isEqualTo(204);
        JsonNode status = http.get(payments(), owner.auth()).json();
        assertThat(status.get("connected").asBoolean()).isFalse();
        assertThat(products()).isEmpty();
        assertThat(checkout(apiKey, cart(List.of(line(id(posterPrice), 1)), "https://" + domain + "/"))
                        .status())
                .isEqualTo(409);
        String payload = FakeStripe.event("product.updated", poster.deepCopy());
        assertThat(webhook(path, payload, FakeStripe.sign(payload, webhookSecret, now()))
                        .status())
                .isEqualTo(404);
        assertThat(collection("payments").countDocuments(Filters.eq("groupID", group)))
                .isZero();
        assertThat(JSON.readTree(http.get("/api/groups/" + group + "/audit", owner.auth())
                                .body())
                        .toString())
                .contains("payments.stripe.disconnected");
    }
}

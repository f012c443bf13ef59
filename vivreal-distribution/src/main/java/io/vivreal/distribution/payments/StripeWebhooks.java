package io.vivreal.distribution.payments;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/stripe/<webhookId>}: the id names the group, the {@code Stripe-Signature}
 * header proves the event came from its Stripe account — {@code v1} = HMAC-SHA256 of {@code
 * t.payload} under the group's webhook secret, over the raw body, with a timestamp no more than
 * {@link #TOLERANCE} away ({@link Webhook#constructEvent}). A forged, stale or missing signature
 * changes nothing. Verified {@code product.*} and {@code price.*} events resync that product;
 * {@code checkout.session.completed} (paid) and {@code checkout.session.async_payment_succeeded}
 * record the order as paid, once, and send the confirmation, once.
 */
public final class StripeWebhooks {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final int MAX_SIGNATURE = 4_096;
    private static final JsonMapper JSON = JsonMapper.shared();

    /** What a delivery came to; the controller maps each to its status. */
    public enum Outcome {
        HANDLED,
        IGNORED,
        UNKNOWN_WEBHOOK,
        BAD_SIGNATURE,
        /** Stripe could not be reached to resync: answered 503 so Stripe retries later. */
        RETRY
    }

    private final StripeAccounts accounts;
    private final ProductSync sync;
    private final Orders orders;
    private final OrderMails mails;
    private final GroupRepository groups;
    private final Clock clock;

    StripeWebhooks(
            StripeAccounts accounts,
            ProductSync sync,
            Orders orders,
            OrderMails mails,
            GroupRepository groups,
            Clock clock) {
        this.accounts = accounts;
        this.sync = sync;
        this.orders = orders;
        this.mails = mails;
        this.groups = groups;
        this.clock = clock;
    }

    public Outcome receive(String webhookId, String payload, String signature) {
        Optional<TenantScope> scope = accounts.scopeOfWebhook(webhookId);
        Optional<StripeAccount> account = scope.flatMap(accounts::find);
        if (account.isEmpty()) {
            return Outcome.UNKNOWN_WEBHOOK;
        }
        if (signature == null || signature.isBlank() || signature.length() > MAX_SIGNATURE || payload == null) {
            return Outcome.BAD_SIGNATURE;
        }
        Event event;
        JsonNode object;
        try {
            event = Webhook.constructEvent(
                    payload, signature, account.get().webhookSecret(), TOLERANCE.toSeconds(), clock);
            object = JSON.readTree(payload).path("data").path("object");
        } catch (SignatureVerificationException | RuntimeException e) {
            return Outcome.BAD_SIGNATURE;
        }
        String type = event.getType() == null ? "" : event.getType();
        try {
            if (type.startsWith("product.")) {
                return resync(scope.get(), account.get(), object.path("id").asString(""));
            }
            if (type.startsWith("price.")) {
                return resync(scope.get(), account.get(), object.path("product").asString(""));
            }
        } catch (StripeException | RuntimeException e) {
            return Outcome.RETRY;
        }
        if (type.equals("checkout.session.completed") || type.equals("checkout.session.async_payment_succeeded")) {
            return paid(scope.get(), event.getId(), object);
        }
        return Outcome.IGNORED;
    }

    private Outcome resync(TenantScope scope, StripeAccount account, String productId) throws StripeException {
        if (!productId.startsWith("prod_") || productId.length() > 100) {
            return Outcome.IGNORED;
        }
        sync.syncProduct(scope, account, productId);
        return Outcome.HANDLED;
    }

    private Outcome paid(TenantScope scope, String eventId, JsonNode session) {
        String sessionId = session.path("id").asString("");
        String status = session.path("payment_status").asString("");
        if (!sessionId.startsWith("cs_") || sessionId.length() > 255 || status.equals("unpaid")) {
            return Outcome.IGNORED;
        }
        JsonNode buyer = session.path("customer_details");
        String email = text(buyer.path("email"), 254);
        String name = text(buyer.path("name"), 200);
        Long total = session.path("amount_total").isNumber()
                ? session.path("amount_total").asLong()
                : null;
        String currency = text(session.path("currency"), 3);
        if (orders.markPaid(scope, sessionId, eventId, email, name, total, currency, clock.instant())) {
            String siteName = groups.findById(scope.groupID()).map(Group::name).orElse(null);
            orders.bySession(scope, sessionId).ifPresent(order -> mails.send(scope, order, siteName));
        }
        return Outcome.HANDLED;
    }

    private static String text(JsonNode node, int max) {
        if (!node.isString()) {
            return null;
        }
        String text = node.asString();
        return text.length() > max ? null : text;
    }
}

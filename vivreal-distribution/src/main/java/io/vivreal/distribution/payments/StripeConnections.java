package io.vivreal.distribution.payments;

import com.stripe.exception.AuthenticationException;
import com.stripe.exception.StripeException;
import com.stripe.param.ProductListParams;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An owner connects, inspects, syncs and disconnects the group's Stripe account. The key's shape is
 * checked first, then the key itself against Stripe (one product listed): a key Stripe refuses is a
 * 400 and nothing is stored. Secrets are stored encrypted ({@link StripeAccounts}) and never
 * answered; the answer shows the key's last four characters and the webhook URL to enter in the
 * Stripe dashboard. Connect and disconnect are audited.
 */
public final class StripeConnections {

    static final Pattern SECRET_KEY = Pattern.compile("(sk|rk)_(test|live)_[A-Za-z0-9]{8,240}");
    static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=_-]{8,240}");

    private final StripeApi api;
    private final StripeAccounts accounts;
    private final StripeProducts products;
    private final ProductSync sync;
    private final AuditLog audit;
    private final Supplier<String> publicUrl;
    private final Clock clock;

    StripeConnections(
            StripeApi api,
            StripeAccounts accounts,
            StripeProducts products,
            ProductSync sync,
            AuditLog audit,
            Supplier<String> publicUrl,
            Clock clock) {
        this.api = api;
        this.accounts = accounts;
        this.products = products;
        this.sync = sync;
        this.audit = audit;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    public Map<String, Object> connect(Group group, String actor, Map<String, Object> body) {
        if (body == null) {
            throw DomainException.invalid("secretKey", "secretKey is required");
        }
        for (String key : body.keySet()) {
            if (!key.equals("secretKey") && !key.equals("webhookSecret")) {
                throw DomainException.invalid(key, key + ": unknown property");
            }
        }
        String secretKey = body.get("secretKey") instanceof String text ? text.strip() : null;
        if (secretKey == null || !SECRET_KEY.matcher(secretKey).matches()) {
            throw DomainException.invalid(
                    "secretKey", "secretKey must be a Stripe secret or restricted key (sk_test_, sk_live_, rk_...)");
        }
        String webhookSecret = body.get("webhookSecret") instanceof String text ? text.strip() : null;
        if (webhookSecret == null || !WEBHOOK_SECRET.matcher(webhookSecret).matches()) {
            throw DomainException.invalid(
                    "webhookSecret", "webhookSecret must be the endpoint's signing secret (whsec_...)");
        }
        try {
            api.client(secretKey)
                    .v1()
                    .products()
                    .list(ProductListParams.builder().setLimit(1L).build());
        } catch (AuthenticationException e) {
            throw DomainException.invalid("secretKey", "Stripe refused this key");
        } catch (StripeException | RuntimeException e) {
            throw unavailable();
        }
        TenantScope scope = group.scope();
        accounts.save(scope, secretKey, webhookSecret, clock.instant());
        audit.record(scope, "payments.stripe.connected", actor, "payments", "stripe");
        StripeAccount account = accounts.find(scope).orElseThrow();
        try {
            sync.syncAll(scope, account);
        } catch (StripeException | RuntimeException e) {
            // connected; the owner can sync again from the settings
        }
        return status(group);
    }

    public Map<String, Object> status(Group group) {
        Optional<StripeAccount> account = accounts.find(group.scope());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("connected", account.isPresent());
        answer.put("accountHint", account.map(StripeAccount::accountHint).orElse(null));
        answer.put(
                "lastSyncAt",
                account.map(StripeAccount::lastSyncAt).map(Instant::toString).orElse(null));
        answer.put("products", account.isPresent() ? products.count(group.scope()) : 0);
        answer.put(
                "webhookUrl",
                account.map(a -> publicUrl.get() + "/webhooks/stripe/" + a.webhookId())
                        .orElse(null));
        return answer;
    }

    public Map<String, Object> sync(Group group) {
        StripeAccount account =
                accounts.find(group.scope()).orElseThrow(() -> DomainException.notFound("stripe connection"));
        try {
            if (sync.syncAll(group.scope(), account).isEmpty()) {
                throw DomainException.conflict("sync_running", "a sync of this group is already running");
            }
        } catch (StripeException | RuntimeException e) {
            if (e instanceof DomainException domain) {
                throw domain;
            }
            throw unavailable();
        }
        return status(group);
    }

    /** Forgets the key, the webhook URL and the synced products; checkout answers 409 from now on. */
    public void disconnect(Group group, String actor) {
        TenantScope scope = group.scope();
        if (accounts.delete(scope)) {
            products.deleteAll(scope);
            sync.announce(scope.groupID());
            audit.record(scope, "payments.stripe.disconnected", actor, "payments", "stripe");
        }
    }

    static DomainException unavailable() {
        return new DomainException(
                DomainException.Kind.UPSTREAM_FAILED,
                "stripe_unavailable",
                "Stripe could not be reached or answered an error; try again",
                null);
    }
}

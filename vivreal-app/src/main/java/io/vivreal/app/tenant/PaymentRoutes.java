package io.vivreal.app.tenant;

import io.vivreal.authorizer.Tenant;
import io.vivreal.clientapi.mail.OwnMediaUrls;
import io.vivreal.clientapi.mail.SiteMailHtml;
import io.vivreal.clientapi.web.Envelope;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.web.ClientAddress;
import io.vivreal.distribution.payments.CheckoutSessions;
import io.vivreal.distribution.payments.OrderMails;
import io.vivreal.distribution.payments.PromotionCodes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code createCheckoutSession}, {@code validateCoupon} and {@code sendOrderPlacedEmail} for the
 * group the authorizer verified. A group without a Stripe connection answers {@code 409
 * PaymentsNotConnected}, as the contract says; nothing about payments is ever cached.
 */
@RestController
class PaymentRoutes {

    static final String NOT_CONNECTED = "PaymentsNotConnected";
    private static final Pattern SESSION_ID = Pattern.compile("cs_[A-Za-z0-9_]{1,250}");
    private static final Set<String> ORDER_MAIL_BODY = Set.of("sessionId", "siteName", "customHtml");
    private static final int MAX_SITE_NAME = 200;
    private static final int MAX_CUSTOM_HTML = 100_000;

    private final CheckoutSessions checkouts;
    private final PromotionCodes promotionCodes;
    private final OrderMails orderMails;
    private final ClientAddress clientAddress;
    private final OwnMediaUrls ownMedia;

    PaymentRoutes(
            CheckoutSessions checkouts,
            PromotionCodes promotionCodes,
            OrderMails orderMails,
            ClientAddress clientAddress,
            OwnMediaUrls ownMedia) {
        this.checkouts = checkouts;
        this.promotionCodes = promotionCodes;
        this.orderMails = orderMails;
        this.clientAddress = clientAddress;
        this.ownMedia = ownMedia;
    }

    @PostMapping("/tenant/createCheckoutSession")
    ResponseEntity<Envelope> createCheckoutSession(
            Tenant tenant, HttpServletRequest request, @RequestBody(required = false) Map<String, Object> body) {
        return answer(checkouts.create(TenantScope.of(tenant), clientAddress.of(request), body));
    }

    @PostMapping("/tenant/validateCoupon")
    ResponseEntity<Envelope> validateCoupon(
            Tenant tenant, HttpServletRequest request, @RequestBody(required = false) Map<String, Object> body) {
        return answer(promotionCodes.validate(TenantScope.of(tenant), clientAddress.of(request), body));
    }

    /**
     * The confirmation of an order this group recorded, at most once per order (Stripe's {@code
     * checkout.session.completed} usually sends it first). {@code customHtml} is sanitised like a
     * contact mail's ({@link SiteMailHtml}: no scripts, handlers, forms or frames; images only from
     * the group's own media); the text part is the site's text, or the order summary.
     */
    @PostMapping("/tenant/sendOrderPlacedEmail")
    ResponseEntity<Envelope> sendOrderPlacedEmail(
            Tenant tenant, @RequestBody(required = false) Map<String, Object> body) {
        if (body == null) {
            throw DomainException.invalid("sessionId", "sessionId is required");
        }
        for (String key : body.keySet()) {
            if (!ORDER_MAIL_BODY.contains(key)) {
                throw DomainException.invalid(key, key + ": unknown property");
            }
        }
        String sessionId = body.get("sessionId") instanceof String text
                        && SESSION_ID.matcher(text).matches()
                ? text
                : null;
        if (sessionId == null) {
            throw DomainException.invalid("sessionId", "sessionId must be a Stripe Checkout session id (cs_...)");
        }
        Object siteName = body.get("siteName");
        if (siteName != null && !(siteName instanceof String name && name.length() <= MAX_SITE_NAME)) {
            throw DomainException.invalid(
                    "siteName", "siteName must be text of at most " + MAX_SITE_NAME + " characters");
        }
        Object customHtml = body.get("customHtml");
        if (customHtml != null && !(customHtml instanceof String html && html.length() <= MAX_CUSTOM_HTML)) {
            throw DomainException.invalid(
                    "customHtml", "customHtml must be text of at most " + MAX_CUSTOM_HTML + " characters");
        }
        Optional<OrderMails.SiteBody> siteBody = Optional.ofNullable((String) customHtml)
                .filter(html -> !html.isBlank())
                .map(html -> {
                    SiteMailHtml sanitizer = new SiteMailHtml(ownMedia.of(tenant.bucketName()));
                    return new OrderMails.SiteBody(sanitizer.sanitize(html), sanitizer.text(html));
                });
        return switch (orderMails.confirm(TenantScope.of(tenant), sessionId, (String) siteName, siteBody)) {
            case SENT, ALREADY_SENT -> noStore(HttpStatus.OK, Envelope.ok(null));
            case NOT_FOUND -> noStore(HttpStatus.NOT_FOUND, Envelope.failure("NotFound"));
            case NO_BUYER -> noStore(HttpStatus.CONFLICT, Envelope.failure("OrderNotPaid"));
            case NOT_QUEUED -> noStore(HttpStatus.SERVICE_UNAVAILABLE, Envelope.failure("MailQueueFull"));
        };
    }

    private static ResponseEntity<Envelope> answer(Optional<?> data) {
        return data.<ResponseEntity<Envelope>>map(value -> noStore(HttpStatus.OK, Envelope.ok(value)))
                .orElseGet(() -> noStore(HttpStatus.CONFLICT, Envelope.failure(NOT_CONNECTED)));
    }

    private static ResponseEntity<Envelope> noStore(HttpStatus status, Envelope envelope) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(envelope);
    }
}

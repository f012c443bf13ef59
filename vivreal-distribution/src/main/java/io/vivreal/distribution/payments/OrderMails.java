package io.vivreal.distribution.payments;

import io.vivreal.core.mail.EmailAddresses;
import io.vivreal.core.mail.HtmlText;
import io.vivreal.core.mail.MailMessage;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.tenancy.TenantScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;

/**
 * The order confirmation to the buyer Stripe reported, at most once per order: {@link
 * Orders#claimConfirmation} sets {@code confirmationSentAt} before the mail is queued, so two
 * events or an event and a site's request never both send. The HTML is built from the order, every
 * value escaped, with a text part; nothing from the request is placed in it.
 */
public final class OrderMails {

    /** What a send came to. */
    public enum Outcome {
        SENT,
        ALREADY_SENT,
        /** Not paid yet, or Stripe reported no usable address. */
        NO_BUYER,
        NOT_QUEUED,
        NOT_FOUND
    }

    private final Orders orders;
    private final MailSender mail;
    private final Clock clock;

    public OrderMails(Orders orders, MailSender mail, Clock clock) {
        this.orders = orders;
        this.mail = mail;
        this.clock = clock;
    }

    /**
     * A site's own HTML for the confirmation, already sanitised by the caller, and its text; the
     * text part falls back to the order summary when the HTML has no words.
     */
    public record SiteBody(String html, String text) {}

    /**
     * A site's {@code sendOrderPlacedEmail}: the confirmation of this group's order for {@code
     * sessionId}, in the site's own HTML when it gave one.
     */
    public Outcome confirm(TenantScope scope, String sessionId, String siteName, Optional<SiteBody> siteBody) {
        return orders.bySession(scope, sessionId)
                .map(order -> send(scope, order, siteName, siteBody))
                .orElse(Outcome.NOT_FOUND);
    }

    /** The confirmation Stripe's {@code checkout.session.completed} triggers, built from the order. */
    public Outcome send(TenantScope scope, Document order, String siteName) {
        return send(scope, order, siteName, Optional.empty());
    }

    private Outcome send(TenantScope scope, Document order, String siteName, Optional<SiteBody> siteBody) {
        String email = order.getString("email");
        if (email == null || !"paid".equals(order.getString("status")) || !EmailAddresses.valid(email)) {
            return Outcome.NO_BUYER;
        }
        String sessionId = order.getString("stripeSessionId");
        if (!orders.claimConfirmation(scope, sessionId, clock.instant())) {
            return Outcome.ALREADY_SENT;
        }
        MailMessage message = message(order, email, siteName);
        if (siteBody.isPresent()) {
            String text = siteBody.get().text().isBlank()
                    ? message.text()
                    : siteBody.get().text();
            message = new MailMessage(
                    email, message.subject(), text, siteBody.get().html());
        }
        if (!mail.send(message)) {
            orders.releaseConfirmation(scope, sessionId);
            return Outcome.NOT_QUEUED;
        }
        return Outcome.SENT;
    }

    static MailMessage message(Document order, String email, String siteName) {
        String site = siteName == null || siteName.isBlank() ? "our shop" : oneLine(siteName);
        String currency = order.getString("currency") == null
                ? ""
                : order.getString("currency").toUpperCase(Locale.ROOT);
        StringBuilder text = new StringBuilder();
        StringBuilder rows = new StringBuilder();
        String buyer = order.getString("name");
        text.append("Thank you for your order")
                .append(buyer == null ? "" : ", " + oneLine(buyer))
                .append(".\n\n");
        for (Document line : order.getList("lines", Document.class, List.of())) {
            String name = line.getString("name") == null ? "Item" : line.getString("name");
            Number quantity = line.get("quantity", Number.class);
            Number amount = line.get("amount", Number.class);
            String money = money(amount, order.getString("currency"), currency);
            text.append(quantity)
                    .append(" × ")
                    .append(oneLine(name))
                    .append("  ")
                    .append(money)
                    .append('\n');
            rows.append("<tr><td>")
                    .append(quantity)
                    .append(" &times; ")
                    .append(HtmlText.escape(name))
                    .append("</td><td style=\"text-align:right\">")
                    .append(HtmlText.escape(money))
                    .append("</td></tr>");
        }
        String total = money(order.get("total", Number.class), order.getString("currency"), currency);
        text.append("\nTotal: ").append(total).append('\n');
        String html = "<!doctype html><html><body><p>Thank you for your order"
                + (buyer == null ? "" : ", " + HtmlText.escape(buyer))
                + ".</p><table>"
                + rows
                + "<tr><td><strong>Total</strong></td><td style=\"text-align:right\"><strong>"
                + HtmlText.escape(total)
                + "</strong></td></tr></table><p>"
                + HtmlText.escape(site)
                + "</p></body></html>";
        String subject = "Your order from " + (site.length() > 80 ? site.substring(0, 80) : site);
        return new MailMessage(email, subject, text.append('\n').append(site).toString(), html);
    }

    private static String money(Number minor, String currency, String code) {
        if (minor == null) {
            return "";
        }
        return BigDecimal.valueOf(minor.longValue())
                        .movePointLeft(ProductSync.decimals(currency))
                        .toPlainString()
                + " "
                + code;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\u0000\\u2028\\u2029]+", " ").strip();
    }
}

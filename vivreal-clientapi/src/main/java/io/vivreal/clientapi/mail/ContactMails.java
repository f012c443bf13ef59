package io.vivreal.clientapi.mail;

import io.vivreal.authorizer.Tenant;
import io.vivreal.content.contact.ContactAddresses;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.mail.HtmlText;
import io.vivreal.core.mail.MailMessage;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * A site's contact form ({@code POST /tenant/sendContactEmail}), sent through the product's one
 * {@link MailSender}.
 *
 * <p>Never an open relay: the recipient must be one of the addresses the group's owners or admins
 * configured ({@link ContactAddresses}); any other {@code to}, or none configured, is the same 400
 * naming {@code to}, and nothing is sent. The sender is always the product's own, and no header
 * carries what the visitor typed except through {@link #headerText}, which removes line breaks and
 * control characters, so no {@code Bcc:} can be smuggled in. The site's HTML is sanitised ({@link
 * SiteMailHtml}); without it the HTML is built from the escaped fields. Limited per client address
 * ({@value #PER_ADDRESS} per 10 minutes per group) and per group per day (the tier's {@code
 * contactMailsPerDay}), counted in the store so every instance shares the count.
 */
public final class ContactMails {

    static final long PER_ADDRESS = 5;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    private static final int MAX_SUBJECT = 150;

    private final ContactAddresses addresses;
    private final GroupRepository groups;
    private final RateLimiter limiter;
    private final MailSender mail;
    private final OwnMediaUrls media;

    public ContactMails(
            ContactAddresses addresses,
            GroupRepository groups,
            RateLimiter limiter,
            MailSender mail,
            OwnMediaUrls media) {
        this.addresses = addresses;
        this.groups = groups;
        this.limiter = limiter;
        this.mail = mail;
        this.media = media;
    }

    /** The store counter of a group's contact mails per day. */
    public static String dayBucket(String groupId) {
        return "contact-day:" + groupId;
    }

    /**
     * Checks, limits and queues one contact mail; {@code false} when the mail queue is full and it
     * was not accepted.
     */
    public boolean send(Tenant tenant, String clientAddress, Map<String, Object> body) {
        ContactForm form = ContactForm.parse(body);
        String to = addresses.match(TenantScope.of(tenant), form.to());
        if (to == null) {
            throw DomainException.invalid("to", "to must be one of the contact addresses the group configured");
        }
        Group group = groups.findById(tenant.groupID()).orElseThrow(() -> DomainException.notFound("group"));
        limit("contact:" + group.id() + ":" + hash(clientAddress), PER_ADDRESS, ADDRESS_WINDOW);
        limit(dayBucket(group.id()), TierLimits.of(group.tier()).contactMailsPerDay(), Duration.ofDays(1));
        return mail.send(message(tenant, to, form));
    }

    private MailMessage message(Tenant tenant, String to, ContactForm form) {
        String site = headerText(form.siteName(), 80);
        if (site.isEmpty()) {
            site = headerText(tenant.groupName(), 80);
        }
        String name = headerText(form.name(), 80);
        String subject = headerText(
                "Contact form" + (site.isEmpty() ? "" : ": " + site) + (name.isEmpty() ? "" : " (from " + name + ")"),
                MAX_SUBJECT);
        String message = form.message() == null ? "" : form.message();
        StringBuilder text = new StringBuilder("A message from the contact form");
        text.append(site.isEmpty() ? "" : " of " + site).append(".\n\n");
        if (!name.isEmpty()) {
            text.append("Name: ").append(name).append("\n\n");
        }
        String html = "<p>A message from the contact form"
                + (site.isEmpty() ? "" : " of <strong>" + HtmlText.escape(site) + "</strong>") + ".</p>"
                + (name.isEmpty() ? "" : "<p>Name: " + HtmlText.escape(name) + "</p>")
                + "<p>" + HtmlText.escape(message).replace("\r\n", "\n").replace("\n", "<br>") + "</p>";
        String plain = text + message;
        if (form.customHtml() != null && !form.customHtml().isBlank()) {
            SiteMailHtml sanitizer = new SiteMailHtml(media.of(tenant.bucketName()));
            String custom = sanitizer.sanitize(form.customHtml());
            String customText = sanitizer.text(form.customHtml());
            if (!customText.isBlank() || custom.contains("<img")) {
                html = custom;
                plain = customText.isBlank() ? plain : customText;
            }
        }
        return new MailMessage(to, subject, plain, html);
    }

    /**
     * Text for a header: every line break and control character becomes a space, runs of spaces
     * one, cut to {@code max} characters. A visitor's name can change the words of the subject,
     * never the headers.
     */
    static String headerText(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        boolean space = false;
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            boolean blank = Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || c == '\u2028'
                    || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT;
            if (blank) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString().strip();
    }

    private void limit(String bucket, long limit, Duration window) {
        RateLimiter.Decision decision = limiter.attempt(bucket, limit, window);
        if (!decision.allowed()) {
            throw new RateLimitedException("too many contact mails; retry later", decision.retryAfter());
        }
    }

    private static String hash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }
}

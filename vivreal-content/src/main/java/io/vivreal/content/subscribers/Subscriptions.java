package io.vivreal.content.subscribers;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import io.vivreal.content.types.ContentType;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.mail.EmailAddresses;
import io.vivreal.core.mail.HtmlText;
import io.vivreal.core.mail.MailMessage;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.web.PublicUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.conversions.Bson;

/**
 * Sign-up, double opt-in and unsubscribe. A {@code subscribeUser} submission with an {@code email}
 * makes (or finds) the address's subscriber and, unless it is already confirmed, mails a
 * confirmation link — at most once per {@link #MAIL_EVERY} per address however often the form is
 * sent, so the form cannot be used to flood someone's inbox. The site's answer is the same
 * whether the address was new, pending or confirmed: nothing tells one visitor about another's
 * subscription.
 */
public final class Subscriptions {

    public static final Duration MAIL_EVERY = Duration.ofMinutes(10);
    static final String EMAIL_FIELD = "email";
    static final int MAX_PAGE = 200;

    private final SubscriberRepository repository;
    private final SubscriberTokens tokens;
    private final GroupRepository groups;
    private final MailSender mail;
    private final PublicUrl publicUrl;
    private final AuditLog audit;
    private final Clock clock;

    public Subscriptions(
            SubscriberRepository repository,
            SubscriberTokens tokens,
            GroupRepository groups,
            MailSender mail,
            PublicUrl publicUrl,
            AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.groups = groups;
        this.mail = mail;
        this.publicUrl = publicUrl;
        this.audit = audit;
        this.clock = clock;
    }

    /** The address a {@code subscribeUser} form carries, refused with 400 when it is not one. */
    public static Optional<String> address(Object objectValue) {
        if (!(objectValue instanceof Map<?, ?> values) || !values.containsKey(EMAIL_FIELD)) {
            return Optional.empty();
        }
        Object email = values.get(EMAIL_FIELD);
        if (!(email instanceof String text) || !EmailAddresses.valid(text)) {
            throw DomainException.invalid("objectValue.email", "objectValue.email must be an e-mail address");
        }
        return Optional.of(text.strip());
    }

    /** Records the sign-up and sends the confirmation mail when one is due. */
    public void subscribe(Group group, ContentType type, String email) {
        TenantScope scope = group.scope();
        Instant now = clock.instant();
        Subscriber subscriber = repository.findOrCreate(scope, type.id(), email, now);
        if (subscriber.status() == SubscriberStatus.CONFIRMED) {
            return; // already receiving it: no mail, and the same answer as for a new address
        }
        if (subscriber.status() == SubscriberStatus.UNSUBSCRIBED) {
            repository.reopen(scope, subscriber.id());
        }
        if (!repository.claimConfirmationMail(scope, subscriber.id(), now, MAIL_EVERY)) {
            return;
        }
        String link = publicUrl.value() + "/newsletter/confirm?token="
                + tokens.issue(SubscriberTokens.Purpose.CONFIRM, group.id(), subscriber.id(), subscriber.email());
        String list = group.name() + " \u2013 " + type.name();
        mail.send(new MailMessage(
                subscriber.email(),
                "Confirm your subscription to " + list,
                "Hello,\r\n\r\nplease confirm that you want to receive " + list
                        + " by opening this link within 7 days:\r\n\r\n" + link + "\r\n\r\n"
                        + "If you did not ask for this, ignore this mail: you will not be subscribed.\r\n",
                "<p>Hello,</p><p>please confirm that you want to receive <strong>" + HtmlText.escape(list)
                        + "</strong> within 7 days:</p><p><a href=\"" + HtmlText.escape(link)
                        + "\">Confirm my subscription</a></p>"
                        + "<p>If you did not ask for this, ignore this mail: you will not be subscribed.</p>"));
    }

    /** What a link's token comes to, and for whom. */
    public record Resolved(SubscriberTokens.Outcome outcome, TenantScope scope, Subscriber subscriber) {
        public boolean valid() {
            return outcome == SubscriberTokens.Outcome.VALID;
        }
    }

    /** Checks a link without changing anything (the pages a GET shows). */
    public Resolved resolve(String token, SubscriberTokens.Purpose purpose) {
        Optional<SubscriberTokens.Claim> claim = tokens.parse(token, purpose);
        if (claim.isEmpty()) {
            return new Resolved(SubscriberTokens.Outcome.INVALID, null, null);
        }
        Optional<Group> group = groups.findById(claim.get().groupId());
        if (group.isEmpty()) {
            return new Resolved(SubscriberTokens.Outcome.INVALID, null, null);
        }
        TenantScope scope = group.get().scope();
        Optional<Subscriber> subscriber = repository.find(scope, claim.get().subscriberId());
        if (subscriber.isEmpty()) {
            return new Resolved(SubscriberTokens.Outcome.INVALID, null, null);
        }
        return new Resolved(tokens.check(claim.get(), subscriber.get().email()), scope, subscriber.get());
    }

    /** Confirms the subscriber a valid confirm link names; an unsubscribed one stays unsubscribed. */
    public SubscriberTokens.Outcome confirm(String token) {
        Resolved resolved = resolve(token, SubscriberTokens.Purpose.CONFIRM);
        if (resolved.valid()
                && repository.confirm(resolved.scope(), resolved.subscriber().id(), clock.instant())) {
            audit.record(
                    resolved.scope(),
                    "subscriber.confirmed",
                    "subscriber",
                    "subscriber",
                    resolved.subscriber().id());
        }
        return resolved.outcome();
    }

    /** Unsubscribes the subscriber a valid unsubscribe link names (RFC 8058 one-click or the page's button). */
    public SubscriberTokens.Outcome unsubscribe(String token) {
        Resolved resolved = resolve(token, SubscriberTokens.Purpose.UNSUBSCRIBE);
        if (resolved.valid()
                && repository.unsubscribe(
                        resolved.scope(), resolved.subscriber().id(), clock.instant())) {
            audit.record(
                    resolved.scope(),
                    "subscriber.unsubscribed",
                    "subscriber",
                    "subscriber",
                    resolved.subscriber().id());
        }
        return resolved.outcome();
    }

    /** The one-click unsubscribe URL for a subscriber's newsletter mails. */
    public String unsubscribeUrl(String groupId, Subscriber subscriber) {
        return publicUrl.value() + "/newsletter/unsubscribe?token="
                + tokens.issue(SubscriberTokens.Purpose.UNSUBSCRIBE, groupId, subscriber.id(), subscriber.email());
    }

    /** A page of the group's subscribers, optionally of one status and one type. */
    public Map<String, Object> list(TenantScope scope, String status, String typeId, String limit, String skip) {
        Bson filter = filter(status, typeId);
        int size = number(limit, "limit", 50, 1, MAX_PAGE);
        int offset = number(skip, "skip", 0, 0, 1_000_000);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(
                "items",
                repository.page(scope, filter, offset, size).stream()
                        .map(Subscriber::toWire)
                        .toList());
        answer.put("totalCount", repository.count(scope, filter));
        return answer;
    }

    /** Every subscriber (of a status), in pages, for the CSV export. */
    public void each(TenantScope scope, String status, String typeId, java.util.function.Consumer<Subscriber> action) {
        Bson filter = filter(status, typeId);
        String after = null;
        while (true) {
            List<Subscriber> page = repository.after(scope, filter, after, MAX_PAGE);
            page.forEach(action);
            if (page.size() < MAX_PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    public void delete(TenantScope scope, String userId, String subscriberId) {
        if (!repository.delete(scope, subscriberId)) {
            throw DomainException.notFound("subscriber");
        }
        audit.record(scope, "subscriber.deleted", userId, "subscriber", subscriberId);
    }

    private static Bson filter(String status, String typeId) {
        Bson filter = null;
        if (status != null && !status.isEmpty()) {
            SubscriberStatus parsed = SubscriberStatus.parse(status)
                    .orElseThrow(() -> DomainException.invalid(
                            "status", "status must be one of pending, confirmed, unsubscribed"));
            filter = eq("status", parsed.wire());
        }
        if (typeId != null && !typeId.isEmpty()) {
            if (!typeId.matches("[0-9a-f]{24}")) {
                throw DomainException.invalid("typeId", "typeId must be a 24-character hex id");
            }
            filter = filter == null ? eq("typeId", typeId) : and(filter, eq("typeId", typeId));
        }
        return filter;
    }

    private static int number(String raw, String field, int fallback, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainException.invalid(field, field + " must be a whole number from " + min + " to " + max);
    }
}

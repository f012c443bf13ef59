package io.vivreal.distribution.newsletter;

import io.vivreal.content.items.ContentItem;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.publish.EventType;
import io.vivreal.content.subscribers.Subscriber;
import io.vivreal.content.subscribers.SubscriberRepository;
import io.vivreal.content.subscribers.Subscriptions;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.mail.MailFailure;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.ChannelAdapter;
import io.vivreal.distribution.adapters.Message;
import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Sends a published item to every confirmed subscriber of the channel's subscribers type, from
 * the delivery worker that holds the channel's lane (its lease is extended while this runs).
 *
 * <p>For each recipient, in a stable order: skip if already marked for this item; wait for the
 * group's turn at the shared rate; take one of the month's recipients; mark; send. A mark is
 * taken back only when the mail server could not even be reached — the delivery then fails and
 * its retry continues where this one stopped. Anything else that goes wrong after the mark
 * leaves the mark: a recipient may miss an item, never get it twice. The attempt's answer says
 * how far it got ({@code sent n of m}).
 *
 * <p>Before the first mail the month's allowance is checked against what the item still needs:
 * an item that would not fit is refused whole (nothing sent), with the reason in the delivery.
 */
public final class NewsletterAdapter implements ChannelAdapter {

    static final int PAGE = 200;

    private final GroupRepository groups;
    private final ItemRepository items;
    private final ContentTypeRepository types;
    private final SubscriberRepository subscribers;
    private final Subscriptions subscriptions;
    private final NewsletterSends sends;
    private final NewsletterUsage usage;
    private final FairPacer pacer;
    private final MailSender mail;
    private final Clock clock;

    NewsletterAdapter(
            GroupRepository groups,
            ItemRepository items,
            ContentTypeRepository types,
            SubscriberRepository subscribers,
            Subscriptions subscriptions,
            NewsletterSends sends,
            NewsletterUsage usage,
            FairPacer pacer,
            MailSender mail,
            Clock clock) {
        this.groups = groups;
        this.items = items;
        this.types = types;
        this.subscribers = subscribers;
        this.subscriptions = subscriptions;
        this.sends = sends;
        this.usage = usage;
        this.pacer = pacer;
        this.mail = mail;
        this.clock = clock;
    }

    @Override
    public ChannelType type() {
        return ChannelType.NEWSLETTER;
    }

    @Override
    public OutboundResponse deliver(ChannelTarget target, Message message, String deliveryId, OutboundHttp http) {
        Instant started = clock.instant();
        Optional<Group> group = groups.findById(target.groupID());
        if (group.isEmpty()) {
            return failed(started, "group_gone", "the group no longer exists");
        }
        TenantScope scope = group.get().scope();
        String typeId = target.setting("subscribersTypeId");
        long limit = TierLimits.of(group.get().tier()).newsletterRecipientsPerMonth();
        if ("vivreal.test".equals(message.type())) {
            return test(group.get(), typeId, limit, started);
        }
        Document data = message.data();
        if (!EventType.PUBLISHED.wireName().equals(message.type()) || data == null) {
            return done(started, "nothing to send for " + message.type());
        }
        String collectionId = data.getString("collectionId");
        String itemId = data.getString("itemId");
        if (typeId.equals(collectionId) || collectionId == null || itemId == null) {
            return done(started, "subscriber sign-ups are never mailed");
        }
        Optional<ContentItem> item = items.find(scope, collectionId, itemId)
                .filter(found -> "published".equals(found.status(clock.instant())));
        if (item.isEmpty()) {
            return done(started, "the item is no longer published: nothing sent");
        }
        String typeName = types.find(scope, collectionId).map(ContentType::name).orElse("content");
        long total = subscribers.countConfirmed(scope, typeId);
        long earlier = sends.count(scope, itemId);
        long needed = Math.max(0, total - earlier);
        long used = usage.used(scope.groupID());
        if (needed > 0 && used + needed > limit) {
            return failed(
                    started,
                    "quota_exceeded",
                    "newsletter recipients per month: the " + group.get().tier().wireName() + " tier allows " + limit
                            + ", " + used + " used, this item needs " + needed + "; nothing sent");
        }
        NewsletterMails.Parts parts = NewsletterMails.parts(item.get(), typeName, target.setting("itemUrl"));
        String fromName = target.setting("fromName");
        long sent = 0;
        long failed = 0;
        long skipped = 0;
        String after = null;
        while (true) {
            List<Subscriber> page = subscribers.confirmed(scope, typeId, after, PAGE);
            for (Subscriber subscriber : page) {
                after = subscriber.id();
                if (sends.marked(scope, itemId, subscriber.id())) {
                    skipped++;
                    continue;
                }
                try {
                    pacer.acquire(scope.groupID());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return failed(started, "worker_stopped", progress(sent, total, skipped, failed) + "; stopped");
                }
                if (!usage.take(scope.groupID(), limit)) {
                    return failed(
                            started,
                            "quota_exceeded",
                            progress(sent, total, skipped, failed) + "; the month's " + limit
                                    + " newsletter recipients are used up");
                }
                if (!sends.mark(scope, itemId, subscriber.id(), deliveryId, clock.instant())) {
                    usage.release(scope.groupID());
                    skipped++;
                    continue;
                }
                try {
                    mail.sendNow(NewsletterMails.message(
                            parts,
                            subscriber.email(),
                            fromName,
                            subscriptions.unsubscribeUrl(scope.groupID(), subscriber)));
                    sends.finish(scope, itemId, subscriber.id(), "sent");
                    sent++;
                } catch (MailFailure e) {
                    if (e.notSent()) {
                        sends.unmark(scope, itemId, subscriber.id());
                        usage.release(scope.groupID());
                        return failed(
                                started,
                                "mail_server_unreachable",
                                progress(sent, total, skipped, failed) + "; the rest follow on the next attempt");
                    }
                    sends.finish(scope, itemId, subscriber.id(), "failed");
                    failed++;
                } catch (IllegalArgumentException e) {
                    // an address the mail layer refuses: that recipient is skipped, for good
                    sends.finish(scope, itemId, subscriber.id(), "refused");
                    failed++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return done(started, progress(sent, total, skipped, failed));
    }

    /** A channel test sends nobody anything: it reports the list and the month's allowance. */
    private OutboundResponse test(Group group, String typeId, long limit, Instant started) {
        long used = usage.used(group.id());
        if (used >= limit) {
            throw new DomainException(
                    DomainException.Kind.PAYMENT_REQUIRED,
                    "quota_exceeded",
                    "the " + group.tier().wireName() + " tier allows " + limit
                            + " newsletter recipients per month and they are used up; upgrade for more",
                    "newsletterRecipientsPerMonth");
        }
        return done(
                started,
                subscribers.countConfirmed(group.scope(), typeId) + " confirmed subscribers; " + (limit - used) + " of "
                        + limit + " recipients left this month");
    }

    static String progress(long sent, long total, long skipped, long failed) {
        return "sent " + sent + " of " + total + (skipped > 0 ? " (" + skipped + " earlier)" : "")
                + (failed > 0 ? ", " + failed + " failed" : "");
    }

    private OutboundResponse done(Instant started, String summary) {
        return new OutboundResponse(
                200, null, started, Duration.between(started, clock.instant()).toMillis(), summary, Optional.empty());
    }

    private OutboundResponse failed(Instant started, String error, String summary) {
        return new OutboundResponse(
                null, error, started, Duration.between(started, clock.instant()).toMillis(), summary, Optional.empty());
    }
}

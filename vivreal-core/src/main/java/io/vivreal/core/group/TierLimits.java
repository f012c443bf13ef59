package io.vivreal.core.group;

import java.util.Map;

/**
 * Every per-tier limit, in one table. Quotas are enforced at write time; a refusal names the quota
 * ({@link Quota#wireName()}) so the portal and scripts can say exactly what to upgrade.
 *
 * @param contentItems content items per group
 * @param contentTypes content types per group
 * @param seats members per group
 * @param versionsKept versions kept per content item (older ones are pruned)
 * @param mediaMaxBytes the largest single upload
 * @param mediaTotalBytes all uploads of a group together
 * @param submissionsPerDay public form submissions accepted per group per day
 * @param sites sites per group
 * @param connectedAccounts channels to social networks per group
 * @param postsPerMonth post channels (one per network a post goes to) per group per calendar month (UTC)
 * @param newsletterRecipientsPerMonth newsletter mails sent per group per calendar month (UTC), one
 *     per recipient per item
 * @param contactMailsPerDay site contact-form mails sent per group per day (UTC)
 */
public record TierLimits(
        long contentItems,
        long contentTypes,
        long seats,
        int versionsKept,
        long mediaMaxBytes,
        long mediaTotalBytes,
        long submissionsPerDay,
        long sites,
        long newsletterRecipientsPerMonth,
        long connectedAccounts,
        long postsPerMonth,
        long contactMailsPerDay) {

    private static final long MB = 1024 * 1024;
    private static final long UNLIMITED = Long.MAX_VALUE;

    private static final Map<Tier, TierLimits> TABLE = Map.of(
            Tier.FREE, new TierLimits(100, 3, 3, 5, 5 * MB, 100 * MB, 100, 1, 100, 2, 30, 50),
            Tier.BASIC, new TierLimits(1_000, 10, 5, 10, 10 * MB, 1_000 * MB, 1_000, 3, 2_000, 5, 300, 200),
            Tier.PRO, new TierLimits(10_000, 25, 10, 25, 25 * MB, 10_000 * MB, 10_000, 10, 20_000, 10, 3_000, 1_000),
            Tier.PROPLUS,
                    new TierLimits(50_000, 50, 25, 50, 50 * MB, 50_000 * MB, 50_000, 25, 100_000, 25, 15_000, 5_000),
            Tier.ENTERPRISE,
                    new TierLimits(
                            UNLIMITED, 500, UNLIMITED, 100, 50 * MB, UNLIMITED, 1_000_000, UNLIMITED, 1_000_000,
                            UNLIMITED, UNLIMITED, 20_000));

    public static TierLimits of(Tier tier) {
        return TABLE.get(tier);
    }

    /** The counted quotas, with the names used in errors and on the pricing page. */
    public enum Quota {
        CONTENT_ITEMS("contentItems"),
        CONTENT_TYPES("contentTypes"),
        SEATS("seats"),
        MEDIA_BYTES("mediaBytes"),
        SUBMISSIONS_PER_DAY("submissionsPerDay"),
        SITES("sites"),
        CONNECTED_ACCOUNTS("connectedAccounts"),
        POSTS_PER_MONTH("postsPerMonth");

        private final String wireName;

        Quota(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public long limit(Quota quota) {
        return switch (quota) {
            case CONTENT_ITEMS -> contentItems;
            case CONTENT_TYPES -> contentTypes;
            case SEATS -> seats;
            case MEDIA_BYTES -> mediaTotalBytes;
            case SUBMISSIONS_PER_DAY -> submissionsPerDay;
            case SITES -> sites;
            case CONNECTED_ACCOUNTS -> connectedAccounts;
            case POSTS_PER_MONTH -> postsPerMonth;
        };
    }
}

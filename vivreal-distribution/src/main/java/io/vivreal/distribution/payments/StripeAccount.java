package io.vivreal.distribution.payments;

import java.time.Instant;

/**
 * A group's Stripe connection, decrypted for one use. {@code webhookId} is the unguessable path
 * segment of the group's webhook URL; {@code accountHint} the key's last four characters, the only
 * part of it ever answered.
 */
public record StripeAccount(
        String id,
        String secretKey,
        String webhookSecret,
        String webhookId,
        String accountHint,
        Instant connectedAt,
        Instant lastSyncAt) {

    @Override
    public String toString() {
        return "StripeAccount[" + id + ", …" + accountHint + ", secrets hidden]";
    }
}

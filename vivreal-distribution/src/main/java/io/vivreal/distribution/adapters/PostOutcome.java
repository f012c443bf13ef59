package io.vivreal.distribution.adapters;

import io.vivreal.distribution.outbound.OutboundResponse;

/**
 * What publishing a post came to: the last request's outcome (what the delivery log records and
 * the retry policy judges) and, when the platform made the post, its id and public address.
 */
public record PostOutcome(OutboundResponse response, String externalPostId, String permalink) {

    public static PostOutcome of(OutboundResponse response) {
        return new PostOutcome(response, null, null);
    }
}

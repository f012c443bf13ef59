package io.vivreal.distribution.delivery;

import io.vivreal.distribution.channels.ChannelType;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delivery attempts since start, by channel type and what the attempt decided (succeeded,
 * retrying, exhausted, unknown): plain adders the worker bumps and metrics read at scrape time.
 */
public final class AttemptCounts {

    private final Map<ChannelType, Map<DeliveryStatus, LongAdder>> counts = new EnumMap<>(ChannelType.class);

    public AttemptCounts() {
        for (ChannelType type : ChannelType.values()) {
            Map<DeliveryStatus, LongAdder> byOutcome = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status : DeliveryStatus.values()) {
                byOutcome.put(status, new LongAdder());
            }
            counts.put(type, byOutcome);
        }
    }

    void record(ChannelType type, DeliveryStatus outcome) {
        counts.get(type).get(outcome).increment();
    }

    public long count(ChannelType type, DeliveryStatus outcome) {
        return counts.get(type).get(outcome).sum();
    }
}

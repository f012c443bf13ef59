package io.vivreal.distribution.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: the first attempt at once, then after each failure the
 * next delay of the list (Svix's schedule by default: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h —
 * eight attempts over about 28 hours). Jitter only ever makes a wait shorter, by at most 10 %, so
 * receivers are not hit in lock-step and no attempt is later than documented.
 */
public record RetrySchedule(List<Duration> delays) {

    public static final RetrySchedule SVIX = parse("0s,5s,5m,30m,2h,5h,10h,10h");
    static final double JITTER = 0.10;

    public RetrySchedule {
        if (delays.isEmpty() || delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException(
                    "vivreal.delivery.retry-schedule needs at least one delay, none negative");
        }
        delays = List.copyOf(delays);
    }

    /** {@code "0s,5s,5m,..."}: the delay before each attempt, the first usually zero. */
    public static RetrySchedule parse(String text) {
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            String value = part.strip().toLowerCase(java.util.Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            delays.add(org.springframework.boot.convert.DurationStyle.detectAndParse(value));
        }
        return new RetrySchedule(delays);
    }

    public int attempts() {
        return delays.size();
    }

    /** The wait after attempt {@code n} (1-based) failed; empty when it was the last. */
    public Optional<Duration> after(int n, RandomGenerator random) {
        if (n >= delays.size()) {
            return Optional.empty();
        }
        Duration delay = delays.get(n);
        long millis = delay.toMillis();
        long earlier = (long) (millis * JITTER * random.nextDouble());
        return Optional.of(Duration.ofMillis(millis - earlier));
    }
}

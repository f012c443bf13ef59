package io.vivreal.core.metering;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client API calls and bytes served per group per day (UTC). A request adds to two in-memory
 * counters — no store write per request; {@link #flush()} adds what was counted to one document
 * per group and day ({@code api_usage}, an increment, so every instance's counts add up) and runs
 * every few seconds and once more at shutdown. Memory is bounded by the groups with a valid key
 * times the days not yet flushed; documents are kept 400 days.
 */
public final class ApiMeter implements IndexDefinitions, Expiring {

    static final String COLLECTION = "api_usage";
    static final Duration KEEP = Duration.ofDays(400);
    public static final int MAX_DAYS = 90;

    private static final Logger log = LoggerFactory.getLogger(ApiMeter.class);

    /** One day of one group. */
    public record Day(LocalDate date, long calls, long bytes) {}

    private record Key(String groupId, LocalDate day) {}

    private static final class Tally {
        final LongAdder calls = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }

    private final Map<Key, Tally> pending = new ConcurrentHashMap<>();
    private final MongoCollection<Document> usage;
    private final Clock clock;

    public ApiMeter(ControlPlane controlPlane, Clock clock) {
        this.usage = controlPlane.collection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(
                IndexSpec.expiring(COLLECTION, "expiresAt"),
                IndexSpec.of(COLLECTION, Indexes.ascending("groupID", "day")));
    }

    /** Counts one answered call of the group and the bytes of its body. */
    public void record(String groupId, long bytes) {
        Tally tally = pending.computeIfAbsent(new Key(groupId, today()), key -> new Tally());
        tally.calls.increment();
        tally.bytes.add(bytes);
    }

    /**
     * Adds the counted calls to the store. Synchronized with {@link #days} so a reader never sees
     * an amount both pending and stored, or neither; requests never wait for it.
     */
    public synchronized void flush() {
        LocalDate today = today();
        for (Map.Entry<Key, Tally> entry : pending.entrySet()) {
            Key key = entry.getKey();
            Tally tally = entry.getValue();
            long calls = tally.calls.sumThenReset();
            long bytes = tally.bytes.sumThenReset();
            if (calls == 0 && bytes == 0) {
                if (key.day().isBefore(today)) {
                    pending.remove(key, tally);
                }
                continue;
            }
            try {
                usage.updateOne(
                        eq("_id", key.groupId() + ":" + key.day()),
                        Updates.combine(
                                Updates.inc("calls", calls),
                                Updates.inc("bytes", bytes),
                                Updates.setOnInsert("groupID", key.groupId()),
                                Updates.setOnInsert("day", key.day().toString()),
                                Updates.setOnInsert(
                                        "expiresAt",
                                        Date.from(key.day()
                                                .atStartOfDay()
                                                .toInstant(ZoneOffset.UTC)
                                                .plus(KEEP)))),
                        new UpdateOptions().upsert(true));
            } catch (RuntimeException e) {
                // kept for the next flush
                tally.calls.add(calls);
                tally.bytes.add(bytes);
                log.warn("could not record API usage: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** The group's last {@code count} days, oldest first, today included (this instance's unflushed calls too). */
    public synchronized List<Day> days(String groupId, int count) {
        LocalDate today = today();
        LocalDate first = today.minusDays(count - 1L);
        Map<LocalDate, long[]> byDay = new HashMap<>();
        for (Document stored : usage.find(and(eq("groupID", groupId), gte("day", first.toString())))) {
            long[] sums = byDay.computeIfAbsent(LocalDate.parse(stored.getString("day")), d -> new long[2]);
            sums[0] += stored.get("calls", Number.class).longValue();
            sums[1] += stored.get("bytes", Number.class).longValue();
        }
        pending.forEach((key, tally) -> {
            if (key.groupId().equals(groupId) && !key.day().isBefore(first)) {
                long[] sums = byDay.computeIfAbsent(key.day(), d -> new long[2]);
                sums[0] += tally.calls.sum();
                sums[1] += tally.bytes.sum();
            }
        });
        List<Day> days = new ArrayList<>(count);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            long[] sums = byDay.getOrDefault(day, new long[2]);
            days.add(new Day(day, sums[0], sums[1]));
        }
        return days;
    }

    @Override
    public long sweepExpired() {
        return usage.deleteMany(lt("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}

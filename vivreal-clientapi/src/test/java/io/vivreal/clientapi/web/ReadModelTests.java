package io.vivreal.clientapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadModelTests {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final List<Runnable> queued = new ArrayList<>();
    private final ReadModel model = new ReadModel(Duration.ofSeconds(1), 1_000_000, ticker, queued::add);
    private final AtomicInteger renders = new AtomicInteger();

    private String get(String group, String value) {
        return new String(model.get(group, "route", Map.of("q", new String[] {"1"}), () -> {
                    renders.incrementAndGet();
                    return ClientApiResponses.render(value);
                })
                .body());
    }

    private void advance(long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
    }

    @Test
    void equivalentRequestsShareOneRender() {
        get("g", "a");
        get("g", "a");

        assertThat(renders).hasValue(1);
    }

    @Test
    void aBusyAnswerIsReRenderedInTheBackgroundWhileTheOldOneIsServed() {
        get("g", "old");
        advance(600);

        assertThat(get("g", "new")).contains("old");
        assertThat(queued).hasSize(1);
        runQueued();
        assertThat(get("g", "newer")).contains("new");
    }

    @Test
    void anEvictionDiscardsAReRenderThatStartedBeforeIt() {
        get("g", "old");
        advance(600);
        get("g", "stale render");
        model.evictGroup("g");
        runQueued();

        assertThat(get("g", "after the write")).contains("after the write");
    }

    @Test
    void evictionIsPerGroup() {
        get("a", "a1");
        get("b", "b1");

        model.evictGroup("a");

        assertThat(get("a", "a2")).contains("a2");
        assertThat(get("b", "b2")).contains("b1");
    }

    @Test
    void answersExpireAfterTheirLifetime() {
        get("g", "old");
        advance(1001);

        assertThat(get("g", "new")).contains("new");
    }

    @Test
    void refusesALifetimeOverOneSecond() {
        assertThatThrownBy(() -> new ReadModel(Duration.ofMillis(1001), 10, ticker, Runnable::run))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCacheHoldsAtMostItsByteBudgetHoweverLargeTheAnswers() {
        ReadModel small = new ReadModel(Duration.ofSeconds(1), 50_000, ticker, queued::add);
        String large = "x".repeat(10_000);

        for (int i = 0; i < 40; i++) {
            small.get(
                    "group",
                    "route",
                    Map.of("skip", new String[] {Integer.toString(i)}),
                    () -> ClientApiResponses.render(large));
        }

        assertThat(small.weightedBytes()).isPositive().isLessThanOrEqualTo(50_000);
    }

    @Test
    void theByteBoundCountsTheCompressedFormsAndPeekRendersNothing() {
        ReadModel fresh = new ReadModel(Duration.ofSeconds(1), 1_000_000, ticker, queued::add);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("item ").append(i).append(' ');
        }
        Map<String, String[]> query = Map.of("q", new String[] {"1"});

        assertThat(fresh.peek("g", "route", query, () -> {
                    throw new AssertionError("peek must not render");
                }))
                .isNull();
        ClientApiResponses.Rendered rendered =
                fresh.get("g", "route", query, () -> ClientApiResponses.render(text.toString()));

        assertThat(rendered.heldBytes()).isGreaterThan(rendered.body().length);
        assertThat(fresh.weightedBytes()).isGreaterThanOrEqualTo(rendered.heldBytes());
        assertThat(fresh.peek("g", "route", query, () -> null)).isSameAs(rendered);
    }

    @Test
    void aReRenderWithTheSameBytesKeepsTheCompressedAnswer() {
        String large = "y".repeat(5_000);
        Map<String, String[]> query = Map.of("q", new String[] {"1"});
        ClientApiResponses.Rendered first = model.get("g", "route", query, () -> ClientApiResponses.render(large));
        advance(600);
        model.get("g", "route", query, () -> ClientApiResponses.render(large));
        runQueued();

        assertThat(model.get("g", "route", query, () -> ClientApiResponses.render("other")))
                .isSameAs(first);
    }

    @Test
    void theQueryKeyIsTheSameInAnyParameterOrderAndDiffersForDifferentQueries() {
        Map<String, String[]> one = new java.util.LinkedHashMap<>();
        one.put("limit", new String[] {"20"});
        one.put("collectionId", new String[] {"abc"});
        one.put("filters[genre]", new String[] {"drama", "comedy"});
        Map<String, String[]> other = new java.util.LinkedHashMap<>();
        other.put("filters[genre]", new String[] {"drama", "comedy"});
        other.put("collectionId", new String[] {"abc"});
        other.put("limit", new String[] {"20"});
        assertThat(ReadModel.canonical(one)).isEqualTo(ReadModel.canonical(other));
        assertThat(ReadModel.canonical(one))
                .isEqualTo("12:collectionId=3:abc&14:filters[genre]=5:drama&14:filters[genre]=6:comedy&5:limit=2:20&");
        // values keep their order; names and values are length-prefixed, so no spelling collides
        other.put("filters[genre]", new String[] {"comedy", "drama"});
        assertThat(ReadModel.canonical(one)).isNotEqualTo(ReadModel.canonical(other));
        assertThat(ReadModel.canonical(Map.of("a", new String[] {"b&c=d"})))
                .isNotEqualTo(ReadModel.canonical(Map.of("a", new String[] {"b"}, "c", new String[] {"d"})));
        assertThat(ReadModel.canonical(Map.of())).isEmpty();
    }
}

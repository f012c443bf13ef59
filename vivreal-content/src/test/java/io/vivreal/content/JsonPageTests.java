package io.vivreal.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonPageTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void aPageWithinItsBudgetIsTheSameJsonAsTheObjectItDescribes() {
        JsonPage page = new JsonPage(1024);
        List<Map<String, Object>> items = List.of(Map.of("_id", "a", "n", 1), Map.of("_id", "b", "n", 2));
        items.forEach(page::add);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("items", items);
        expected.put("totalCount", 7L);
        assertThat(new String(page.toJson(7), StandardCharsets.UTF_8)).isEqualTo(JSON.writeValueAsString(expected));
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void aPageIsCutBeforeTheItemThatWouldCrossItsBudgetAndSaysSo() {
        JsonPage page = new JsonPage(100);
        String forty = "x".repeat(40);

        assertThat(page.add(Map.of("v", forty))).isTrue();
        assertThat(page.add(Map.of("v", forty))).isTrue();
        assertThat(page.add(Map.of("v", forty))).isFalse();
        assertThat(page.add(Map.of("v", "small"))).isFalse();

        String json = new String(page.toJson(3), StandardCharsets.UTF_8);
        assertThat(page.count()).isEqualTo(2);
        assertThat(json).endsWith(",\"totalCount\":3,\"truncated\":true}");
        assertThat(JSON.readTree(json).get("items").size()).isEqualTo(2);
    }

    @Test
    void theFirstItemIsKeptEvenWhenItAloneExceedsTheBudgetSoPagingAdvances() {
        JsonPage page = new JsonPage(10);

        assertThat(page.add(Map.of("v", "x".repeat(100)))).isTrue();
        assertThat(page.add(Map.of("v", "y"))).isFalse();

        assertThat(JSON.readTree(page.toJson(2)).get("items").size()).isEqualTo(1);
    }

    @Test
    void anEmptyPageIsAnEmptyList() {
        assertThat(new String(new JsonPage(10).toJson(0), StandardCharsets.UTF_8))
                .isEqualTo("{\"items\":[],\"totalCount\":0}");
    }
}

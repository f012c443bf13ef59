package io.vivreal.content.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.core.domain.FieldProblem;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class FreeFormTests {

    private final List<FieldProblem> problems = new ArrayList<>();

    private List<String> fields() {
        return problems.stream().map(FieldProblem::field).toList();
    }

    @Test
    void keepsPlainJsonInOrder() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("b", 1);
        raw.put("a", List.of("x", true, 2.5, Map.of("n", 1L)));
        raw.put("c", null);

        Document stored = FreeForm.object(raw, "businessInfo", problems);

        assertThat(problems).isEmpty();
        assertThat(stored.keySet()).containsExactly("b", "a", "c");
        assertThat(stored.getList("a", Object.class).get(3)).isEqualTo(new Document("n", 1L));
    }

    @Test
    void refusesKeysMongoDbWouldReadAsOperatorsOrPaths() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("$set", 1);
        raw.put("a.b", 1);
        raw.put("", 1);
        raw.put("nul\u0000", 1);
        raw.put("nested", List.of(Map.of("$where", "1")));
        raw.put("k".repeat(201), 1);
        raw.put("fine$", 1);

        FreeForm.object(raw, "x", problems);

        assertThat(fields())
                .containsExactlyInAnyOrder(
                        "x.$set", "x.a.b", "x.", "x.nul\u0000", "x.nested[0].$where", "x." + "k".repeat(201));
    }

    @Test
    void refusesDepthOverTenAndOutOfRangeNumbers() {
        Object deep = 1;
        for (int i = 0; i < 11; i++) {
            deep = List.of(deep);
        }
        FreeForm.object(
                Map.of("deep", deep, "big", BigInteger.TWO.pow(70), "inf", Double.POSITIVE_INFINITY), "x", problems);

        assertThat(problems).hasSize(3);
        assertThat(fields()).contains("x.big", "x.inf");
    }

    @Test
    void boundsEachPartByItsStoredSize() {
        FreeForm.list(List.of("x".repeat(FreeForm.MAX_PART_BYTES)), "homeSections", 10, false, problems);
        assertThat(fields()).containsExactly("homeSections");

        problems.clear();
        FreeForm.list(List.of("x".repeat(FreeForm.MAX_PART_BYTES - 100)), "homeSections", 10, false, problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void listsAreBoundedAndObjectOnlyListsRefuseOtherItems() {
        FreeForm.list(List.of(1, 2, 3), "pages", 2, true, problems);
        assertThat(fields()).containsExactly("pages");

        problems.clear();
        FreeForm.list(List.of(Map.of(), "text"), "pages", 10, true, problems);
        assertThat(fields()).containsExactly("pages[1]");

        problems.clear();
        FreeForm.object(List.of(), "businessInfo", problems);
        assertThat(fields()).containsExactly("businessInfo");
    }
}

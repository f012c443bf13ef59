package io.vivreal.content.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vivreal.content.schema.SchemaParser;
import io.vivreal.core.domain.DomainException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;

/**
 * The Client API's listing parameters under arbitrary query strings: every parameter map is either
 * a query inside the grammar's bounds or a {@link DomainException} (a 400), never another
 * exception (a 500). The input is a raw query string, decoded the way the servlet container
 * decodes it, so the corpus files read as what a client sends.
 */
class ItemQueryFuzzTests {

    @FuzzTest(maxDuration = "3m")
    void anyQueryStringIsAQueryOrA400(byte[] input) {
        Map<String, String[]> parameters = parameters(input);

        ItemQuery query;
        try {
            query = ItemQuery.parse(parameters);
        } catch (DomainException refused) {
            assertRefusedBriefly(refused);
            return;
        }

        assertThat(query.limit()).isBetween(1, ItemQuery.MAX_LIMIT);
        assertThat(query.skip()).isBetween(0, ItemQuery.MAX_SKIP);
        assertThat(query.sortField()).matches("createdAt|publishDate|updatedAt|objectValue\\.[A-Za-z][A-Za-z0-9_-]*");
        if (query.search() != null) {
            assertThat(query.search()).isNotBlank().hasSizeLessThanOrEqualTo(ItemQuery.MAX_SEARCH_LENGTH);
        }
        assertThat(query.filters()).hasSizeLessThanOrEqualTo(ItemQuery.MAX_FILTERS);
        query.filters().forEach((field, value) -> {
            assertThat(SchemaParser.FIELD_NAME.matcher(field).matches())
                    .as(field)
                    .isTrue();
            assertThat(value).hasSizeLessThanOrEqualTo(ItemQuery.MAX_VALUE_LENGTH);
        });
    }

    @FuzzTest(maxDuration = "3m")
    void aRequiredIdIsAnObjectIdOrA400(byte[] input) {
        Map<String, String[]> parameters = parameters(input);

        Throwable thrown = catchThrowable(() -> {
            ObjectId id = ItemQuery.requiredId(parameters, "collectionId");
            assertThat(id.toHexString()).isEqualToIgnoringCase(parameters.get("collectionId")[0]);
        });

        if (thrown instanceof DomainException refused) {
            assertRefusedBriefly(refused);
        } else {
            assertThat(thrown).isNull();
        }
    }

    private static void assertRefusedBriefly(DomainException refused) {
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(refused.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(200);
    }

    /**
     * {@code a=1&b=2&a=3} as a servlet container gives it: repeated names collect their values,
     * a pair that does not decode is dropped.
     */
    static Map<String, String[]> parameters(byte[] input) {
        Map<String, List<String>> collected = new LinkedHashMap<>();
        for (String pair : new String(input, StandardCharsets.UTF_8).split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            String decodedName;
            String decodedValue;
            try {
                decodedName = URLDecoder.decode(name, StandardCharsets.UTF_8);
                decodedValue = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException undecodable) {
                continue; // the container drops it too
            }
            collected.computeIfAbsent(decodedName, k -> new ArrayList<>()).add(decodedValue);
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        collected.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        return parameters;
    }
}

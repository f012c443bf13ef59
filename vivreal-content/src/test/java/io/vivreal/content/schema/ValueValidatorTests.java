package io.vivreal.content.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vivreal.core.domain.FieldProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueValidatorTests {

    final ValueValidator validator = new ValueValidator(FuzzBodies.MEDIA);

    @Test
    void aRefusedEnumValueNamesAShortListOfOptionsInFull() {
        List<FieldSpec> schema =
                List.of(new FieldSpec("status", FieldType.ENUM, false, List.of("draft", "live"), null));

        ValidationException refused = catchThrowableOfType(
                ValidationException.class,
                () -> validator.validate(FuzzBodies.SCOPE, Map.of("status", "gone"), schema, "objectValue"));

        assertThat(refused.problems())
                .containsExactly(new FieldProblem("objectValue.status", "must be one of draft, live"));
    }

    @Test
    void badValuesOfAnEnumWithManyLongOptionsGetAShortAnswer() {
        // found with SiteValidatorFuzzTests' bound: every bad value repeated the whole option list
        List<String> options = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            options.add(String.format("%03d", i) + "x".repeat(197));
        }
        FieldSpec list = new FieldSpec(
                "moods", FieldType.LIST, false, List.of(), new FieldSpec(null, FieldType.ENUM, false, options, null));

        ValidationException refused = catchThrowableOfType(
                ValidationException.class,
                () -> validator.validate(
                        FuzzBodies.SCOPE, Map.of("moods", Collections.nCopies(500, 0)), List.of(list), "objectValue"));

        assertThat(refused.problems()).hasSize(50);
        assertThat(refused.problems().get(0).reason()).hasSizeLessThan(200).endsWith("the 200 options of this field");
    }
}

package io.vivreal.content.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A content type's {@code fields} under arbitrary JSON: a field list the rest of the product can
 * rely on (plain unique names, enums with options, lists with a non-list item schema, objects with
 * fields of their own, nested within bounds, and the same
 * list after a trip through the store), or a {@link ValidationException} (a 400) that stays short.
 */
class SchemaParserFuzzTests {

    @FuzzTest(maxDuration = "3m")
    void anyFieldListIsASchemaOrA400(byte[] input) {
        Optional<Object> body = FuzzBodies.json(input);
        if (body.isEmpty()) {
            return;
        }

        List<FieldSpec> fields;
        try {
            fields = SchemaParser.parseFields(body.get(), "fields");
        } catch (ValidationException refused) {
            FuzzBodies.assertRefusedBriefly(refused, input.length);
            return;
        }

        assertThat(fields).hasSizeLessThanOrEqualTo(SchemaParser.MAX_FIELDS);
        assertThat(new HashSet<>(fields.stream().map(FieldSpec::name).toList())).hasSameSizeAs(fields);
        for (FieldSpec field : fields) {
            assertThat(SchemaParser.FIELD_NAME.matcher(field.name()).matches()).isTrue();
            assertWellFormed(field);
        }
        assertThat(FieldSpec.fromDocuments(FieldSpec.toDocuments(fields))).isEqualTo(fields);
    }

    private static void assertWellFormed(FieldSpec field) {
        assertThat(field.options().isEmpty()).isEqualTo(field.type() != FieldType.ENUM);
        assertThat(field.items() == null).isEqualTo(field.type() != FieldType.LIST);
        if (field.items() != null) {
            assertThat(field.items().name()).isNull();
            assertThat(field.items().type()).isNotEqualTo(FieldType.LIST);
            assertWellFormed(field.items());
        }
        assertThat(field.fields().isEmpty()).isEqualTo(field.type() != FieldType.OBJECT);
        assertThat(new HashSet<>(field.fields().stream().map(FieldSpec::name).toList()))
                .hasSameSizeAs(field.fields());
        for (FieldSpec nested : field.fields()) {
            assertThat(SchemaParser.FIELD_NAME.matcher(nested.name()).matches()).isTrue();
            assertWellFormed(nested);
        }
    }
}

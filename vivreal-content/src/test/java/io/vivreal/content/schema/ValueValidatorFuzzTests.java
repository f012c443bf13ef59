package io.vivreal.content.schema;

import static io.vivreal.content.schema.FuzzBodies.MEDIA;
import static io.vivreal.content.schema.FuzzBodies.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * An item's {@code objectValue} under arbitrary JSON, against a schema with a field of every type
 * (and lists of several, objects and lists of objects included): the answer is the stored value — only declared fields, within the stored
 * size bound — or a {@link ValidationException} (a 400) that stays short. Anything else thrown
 * would be a 500.
 */
class ValueValidatorFuzzTests {

    static final List<FieldSpec> SCHEMA = schema();

    private final ValueValidator validator = new ValueValidator(MEDIA);

    @FuzzTest(maxDuration = "3m")
    void anyItemValueIsStoredOrA400(byte[] input) {
        Optional<Object> body = FuzzBodies.json(input);
        if (body.isEmpty()) {
            return;
        }

        Document stored;
        try {
            stored = validator.validate(SCOPE, body.get(), SCHEMA, "objectValue");
        } catch (ValidationException refused) {
            FuzzBodies.assertRefusedBriefly(refused, input.length);
            return;
        }

        List<String> names = SCHEMA.stream().map(FieldSpec::name).toList();
        assertThat(names).containsAll(stored.keySet());
        assertThat(ValueValidator.storedSize(stored)).isLessThanOrEqualTo(ValueValidator.MAX_STORED_BYTES);
    }

    private static List<FieldSpec> schema() {
        List<FieldSpec> fields = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            if (type == FieldType.LIST) {
                continue;
            }
            fields.add(field(type.wireName(), type, type == FieldType.TEXT));
            fields.add(
                    new FieldSpec(type.wireName() + "s", FieldType.LIST, false, List.of(), field(null, type, false)));
        }
        return List.copyOf(fields);
    }

    private static FieldSpec field(String name, FieldType type, boolean required) {
        List<FieldSpec> nested = type == FieldType.OBJECT
                ? List.of(
                        field("platform", FieldType.TEXT, true),
                        field("url-primary", FieldType.TEXT, false),
                        field("logo", FieldType.IMAGE, false))
                : List.of();
        return new FieldSpec(
                name,
                type,
                required,
                type == FieldType.ENUM ? List.of("draft", "live", "gone") : List.of(),
                null,
                nested);
    }
}

package io.vivreal.content.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * One declared field: its name, type, whether it is required, the options of an {@code enum}, the
 * item schema of a {@code list} (a nameless spec), and the nested fields of an {@code object}.
 */
public record FieldSpec(
        String name, FieldType type, boolean required, List<String> options, FieldSpec items, List<FieldSpec> fields) {

    public FieldSpec {
        options = options == null ? List.of() : List.copyOf(options);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public FieldSpec(String name, FieldType type, boolean required, List<String> options, FieldSpec items) {
        this(name, type, required, options, items, List.of());
    }

    public Document toDocument() {
        Document document = new Document();
        if (name != null) {
            document.append("name", name);
        }
        document.append("type", type.wireName()).append("required", required);
        if (!options.isEmpty()) {
            document.append("options", options);
        }
        if (items != null) {
            document.append("items", items.toDocument());
        }
        if (!fields.isEmpty()) {
            document.append("fields", toDocuments(fields));
        }
        return document;
    }

    public static FieldSpec fromDocument(Document document) {
        Document items = document.get("items", Document.class);
        return new FieldSpec(
                document.getString("name"),
                FieldType.of(document.getString("type")).orElseThrow(),
                Boolean.TRUE.equals(document.getBoolean("required")),
                document.getList("options", String.class, List.of()),
                items == null ? null : fromDocument(items),
                fromDocuments(document.getList("fields", Document.class, List.of())));
    }

    /** The wire shape, as the Management API shows it. */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (name != null) {
            wire.put("name", name);
        }
        wire.put("type", type.wireName());
        wire.put("required", required);
        if (!options.isEmpty()) {
            wire.put("options", options);
        }
        if (items != null) {
            wire.put("items", items.toWire());
        }
        if (!fields.isEmpty()) {
            wire.put("fields", fields.stream().map(FieldSpec::toWire).toList());
        }
        return wire;
    }

    public static List<Document> toDocuments(List<FieldSpec> fields) {
        List<Document> documents = new ArrayList<>();
        fields.forEach(field -> documents.add(field.toDocument()));
        return documents;
    }

    public static List<FieldSpec> fromDocuments(List<Document> documents) {
        List<FieldSpec> fields = new ArrayList<>();
        documents.forEach(document -> fields.add(fromDocument(document)));
        return List.copyOf(fields);
    }
}

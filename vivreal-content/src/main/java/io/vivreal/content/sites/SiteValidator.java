package io.vivreal.content.sites;

import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.SchemaParser;
import io.vivreal.content.schema.ValidationException;
import io.vivreal.content.schema.ValueValidator;
import io.vivreal.core.domain.DisplayNames;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.domain.FieldProblem;
import io.vivreal.core.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Reads a site from JSON (as maps and lists) and reports every problem at once, each with its path
 * ({@code socialLinks[1].url}, {@code siteDetails.values.logo}). {@code siteDetails.schema} is a
 * field list like a content type's, and {@code siteDetails.values} is checked against it with the
 * same strict rules as content items — media values must be this group's uploads.
 *
 * <p>The parts real site templates shape as they like ({@code aboutSection}, {@code hero}, {@code
 * cta}, {@code footer}, {@code emailPopup}, {@code blocks[].config}, {@code navigation} as an
 * object, and a {@code pages} map in {@code siteDetails.values} that the schema does not declare)
 * are stored as given within {@link FreeForm}'s bounds. Media descriptors inside them are not
 * checked on write; the Client API signs only those naming this group's files.
 */
public final class SiteValidator {

    static final int MAX_NAME = 100;
    static final int MAX_SOCIAL_LINKS = 50;
    static final int MAX_NAVIGATION = 100;
    static final int MAX_PAGES = 200;
    static final int MAX_SECTIONS = 100;
    static final int MAX_PLATFORM = 50;
    static final int MAX_LABEL = 100;
    static final int MAX_BLOCKS = 100;
    /** Media descriptors in all free-form parts of one site together. */
    static final int MAX_FREE_FORM_MEDIA = 500;
    /** Object-shaped free-form parts, in the order answers show them. */
    static final List<String> OBJECT_PARTS = List.of("aboutSection", "hero", "cta", "footer", "emailPopup");
    /** The free-form map of pages a template may keep in {@code siteDetails.values}. */
    static final String VALUES_PAGES = "pages";

    private static final Set<String> PROPERTIES = Set.of(
            "name",
            "domainName",
            "domainInformation",
            "siteDetails",
            "businessInfo",
            "socialLinks",
            "pages",
            "homeSections",
            "navigation",
            "aboutSection",
            "hero",
            "cta",
            "footer",
            "emailPopup",
            "blocks");
    /** Sent back by clients that edit what they read; never taken from the body. */
    private static final Set<String> READ_ONLY = Set.of("_id", "createdAt", "updatedAt");

    private final ValueValidator values;

    public SiteValidator(ValueValidator values) {
        this.values = values;
    }

    public SiteContent validate(TenantScope scope, Map<?, ?> raw) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Object key : raw.keySet()) {
            if (!PROPERTIES.contains(key) && !READ_ONLY.contains(key)) {
                problems.add(new FieldProblem(String.valueOf(key), "unknown property"));
            }
        }
        String name = name(raw.get("name"), problems);
        String domainName = domainName(raw.get("domainName"), problems);
        Document domainInformation = FreeForm.object(raw.get("domainInformation"), "domainInformation", problems);
        List<FieldSpec> schema = new ArrayList<>();
        Document siteValues = siteDetails(scope, raw.get("siteDetails"), schema, problems);
        Document businessInfo = FreeForm.object(raw.get("businessInfo"), "businessInfo", problems);
        List<Document> socialLinks = socialLinks(raw.get("socialLinks"), problems);
        List<Object> pages = FreeForm.list(raw.get("pages"), "pages", MAX_PAGES, true, problems);
        List<Object> homeSections =
                FreeForm.list(raw.get("homeSections"), "homeSections", MAX_SECTIONS, false, problems);
        Document parts = new Document();
        List<Document> navigation = List.of();
        if (raw.get("navigation") instanceof Map<?, ?>) {
            parts.append("navigation", FreeForm.object(raw.get("navigation"), "navigation", problems));
        } else {
            navigation = navigation(raw.get("navigation"), problems);
        }
        for (String part : OBJECT_PARTS) {
            if (raw.get(part) != null) {
                parts.append(part, FreeForm.object(raw.get(part), part, problems));
            }
        }
        if (raw.get("blocks") != null) {
            parts.append("blocks", FreeForm.list(raw.get("blocks"), "blocks", MAX_BLOCKS, true, problems));
        }
        int media = FreeForm.descriptors(
                List.of(
                        domainInformation,
                        businessInfo,
                        pages,
                        homeSections,
                        parts,
                        siteValues.getOrDefault(VALUES_PAGES, List.of())),
                MAX_FREE_FORM_MEDIA + 1);
        if (media > MAX_FREE_FORM_MEDIA) {
            problems.add(new FieldProblem(
                    "site", "holds more than " + MAX_FREE_FORM_MEDIA + " media descriptors in its free-form parts"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new SiteContent(
                name,
                domainName,
                domainInformation,
                schema,
                siteValues,
                businessInfo,
                socialLinks,
                pages,
                homeSections,
                navigation,
                parts);
    }

    private static String name(Object raw, List<FieldProblem> problems) {
        if (raw != null && !(raw instanceof String)) {
            problems.add(new FieldProblem("name", "must be text"));
            return null;
        }
        try {
            return DisplayNames.clean((String) raw, "name", MAX_NAME);
        } catch (DomainException e) {
            problems.add(new FieldProblem("name", e.getMessage()));
            return null;
        }
    }

    private static String domainName(Object raw, List<FieldProblem> problems) {
        if (raw == null || raw instanceof String text && text.isBlank()) {
            return null;
        }
        String name = raw instanceof String text ? WebAddresses.domainName(text).orElse(null) : null;
        if (name == null) {
            problems.add(new FieldProblem(
                    "domainName", "must be a host name like www.example.com (internationalised names in xn-- form)"));
        }
        return name;
    }

    /** Fills {@code schema} and answers the stored values; problems of either are collected. */
    private Document siteDetails(TenantScope scope, Object raw, List<FieldSpec> schema, List<FieldProblem> problems) {
        if (raw == null) {
            return new Document();
        }
        if (!(raw instanceof Map<?, ?> details)) {
            problems.add(new FieldProblem("siteDetails", "must be an object with schema and values"));
            return new Document();
        }
        for (Object key : details.keySet()) {
            if (!key.equals("schema") && !key.equals("values")) {
                problems.add(new FieldProblem("siteDetails." + key, "unknown property"));
            }
        }
        try {
            Object fields = details.get("schema");
            schema.addAll(SchemaParser.parseFields(fields == null ? List.of() : fields, "siteDetails.schema"));
        } catch (ValidationException e) {
            problems.addAll(e.problems());
            return new Document();
        }
        Object rawValues = details.get("values");
        Object pages = null;
        if (rawValues instanceof Map<?, ?> given
                && given.containsKey(VALUES_PAGES)
                && schema.stream().noneMatch(field -> field.name().equals(VALUES_PAGES))) {
            Map<Object, Object> declared = new LinkedHashMap<>(given);
            pages = declared.remove(VALUES_PAGES);
            rawValues = declared;
        }
        Document stored = null;
        try {
            stored = values.validate(scope, rawValues == null ? Map.of() : rawValues, schema, "siteDetails.values");
        } catch (ValidationException e) {
            problems.addAll(e.problems());
        }
        if (pages != null) {
            Document freeForm = FreeForm.object(pages, "siteDetails.values." + VALUES_PAGES, problems);
            if (stored != null) {
                stored.append(VALUES_PAGES, freeForm);
            }
        }
        return stored == null ? new Document() : stored;
    }

    private static List<Document> socialLinks(Object raw, List<FieldProblem> problems) {
        List<Document> links = new ArrayList<>();
        List<Map<?, ?>> items = objects(raw, "socialLinks", MAX_SOCIAL_LINKS, Set.of("platform", "url"), problems);
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> link = items.get(i);
            if (link == null) {
                continue;
            }
            String at = "socialLinks[" + i + "]";
            String platform = shortText(link.get("platform"), at + ".platform", MAX_PLATFORM, problems);
            String url = WebAddresses.webUrl(link.get("url")).orElse(null);
            if (url == null) {
                problems.add(new FieldProblem(at + ".url", "must be an http or https address"));
            }
            links.add(new Document("platform", platform).append("url", url));
        }
        return links;
    }

    private static List<Document> navigation(Object raw, List<FieldProblem> problems) {
        List<Document> entries = new ArrayList<>();
        List<Map<?, ?>> items = objects(raw, "navigation", MAX_NAVIGATION, Set.of("label", "href"), problems);
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> entry = items.get(i);
            if (entry == null) {
                continue;
            }
            String at = "navigation[" + i + "]";
            String label = shortText(entry.get("label"), at + ".label", MAX_LABEL, problems);
            String href = WebAddresses.href(entry.get("href")).orElse(null);
            if (href == null) {
                problems.add(new FieldProblem(
                        at + ".href", "must be a site path (/about), a fragment (#contact) or an http(s) address"));
            }
            entries.add(new Document("label", label).append("href", href));
        }
        return entries;
    }

    /**
     * The items of a list of small objects with known properties; a non-object item is reported and
     * stands in as null, so the indexes of later items stay right.
     */
    private static List<Map<?, ?>> objects(
            Object raw, String path, int max, Set<String> properties, List<FieldProblem> problems) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            problems.add(new FieldProblem(path, "must be a list"));
            return List.of();
        }
        if (list.size() > max) {
            problems.add(new FieldProblem(path, "must have at most " + max + " items"));
            return List.of();
        }
        List<Map<?, ?>> objects = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                problems.add(new FieldProblem(path + "[" + i + "]", "must be an object"));
                objects.add(null);
                continue;
            }
            for (Object key : map.keySet()) {
                if (!properties.contains(key)) {
                    problems.add(new FieldProblem(path + "[" + i + "]." + key, "unknown property"));
                }
            }
            objects.add(map);
        }
        return objects;
    }

    private static String shortText(Object raw, String at, int max, List<FieldProblem> problems) {
        if (!(raw instanceof String text)) {
            problems.add(new FieldProblem(at, "is required text"));
            return null;
        }
        try {
            return DisplayNames.clean(text, at, max);
        } catch (DomainException e) {
            problems.add(new FieldProblem(at, e.getMessage()));
            return null;
        }
    }
}

package io.vivreal.clientapi.mail;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.domain.DomainException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /tenant/sendContactEmail}, checked: only the contract's properties, each
 * a string, each within its bound. A refusal names the property, so a site's developer sees at
 * once what to fix; nothing about the group's addresses is decided here.
 */
record ContactForm(String name, String to, String message, String siteName, String customHtml) {

    static final int MAX_NAME = 200;
    static final int MAX_SITE_NAME = 200;
    static final int MAX_MESSAGE = 10_000;
    static final int MAX_HTML_BYTES = 100 * 1024;
    private static final Set<String> PROPERTIES = Set.of("name", "to", "message", "siteName", "customHtml");

    static ContactForm parse(Map<String, Object> body) {
        if (body == null) {
            throw DomainException.invalid("to", "to is required: one of the group's contact addresses");
        }
        for (String key : body.keySet()) {
            if (!PROPERTIES.contains(key)) {
                throw DomainException.invalid(key, key + ": unknown property");
            }
        }
        String to = text(body, "to", 320);
        if (to == null || to.isBlank()) {
            throw DomainException.invalid("to", "to is required: one of the group's contact addresses");
        }
        String customHtml = text(body, "customHtml", Integer.MAX_VALUE);
        if (customHtml != null && customHtml.getBytes(StandardCharsets.UTF_8).length > MAX_HTML_BYTES) {
            throw new DomainException(
                    Kind.TOO_LARGE, "too_large", "customHtml: at most " + MAX_HTML_BYTES + " bytes", "customHtml");
        }
        String message = text(body, "message", MAX_MESSAGE);
        if ((message == null || message.isBlank()) && (customHtml == null || customHtml.isBlank())) {
            throw DomainException.invalid("message", "message is required (or customHtml)");
        }
        return new ContactForm(
                text(body, "name", MAX_NAME), to.strip(), message, text(body, "siteName", MAX_SITE_NAME), customHtml);
    }

    private static String text(Map<String, Object> body, String field, int maxChars) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw DomainException.invalid(field, field + " must be a string");
        }
        if (text.length() > maxChars) {
            throw DomainException.invalid(field, field + ": at most " + maxChars + " characters");
        }
        return text;
    }
}

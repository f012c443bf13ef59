package io.vivreal.management.newsletter;

import io.vivreal.content.subscribers.Subscriber;
import java.time.Instant;

/**
 * The subscriber export as CSV (RFC 4180, CRLF rows). Addresses come from a public form, so a cell
 * a spreadsheet would read as a formula — starting with {@code = + - @}, a tab or a carriage
 * return — is prefixed with {@code '} (OWASP's CSV injection advice), and cells with a comma,
 * quote or line break are quoted.
 */
final class SubscriberCsv {

    static final String HEADER = "subscriberId,email,status,typeId,createdAt,confirmedAt,unsubscribedAt\r\n";

    private SubscriberCsv() {}

    static String row(Subscriber subscriber) {
        return String.join(
                        ",",
                        cell(subscriber.id()),
                        cell(subscriber.email()),
                        cell(subscriber.status().wire()),
                        cell(subscriber.typeId()),
                        cell(date(subscriber.createdAt())),
                        cell(date(subscriber.confirmedAt())),
                        cell(date(subscriber.unsubscribedAt())))
                + "\r\n";
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = value;
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            safe = "'" + value;
        }
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static String date(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

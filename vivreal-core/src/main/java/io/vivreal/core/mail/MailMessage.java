package io.vivreal.core.mail;

/**
 * One message to one recipient, with a plain-text and an HTML part.
 *
 * <p>The recipient and subject end up in headers, so a carriage return or line feed in either —
 * perhaps from a name a user typed — is refused here rather than trusted to encoding further
 * down: no caller can add a {@code Bcc:} line by accident. The same holds for the two optional
 * header values a newsletter adds: {@code fromName} (the display name in front of the operator's
 * sender address — never another address) and {@code listUnsubscribe}, an {@code http(s)} URL
 * sent as {@code List-Unsubscribe: <url>} with {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click} (RFC 8058). No other header can be set.
 */
public record MailMessage(
        String to, String subject, String text, String html, String fromName, String listUnsubscribe) {

    private static final int MAX_FROM_NAME = 100;
    private static final int MAX_UNSUBSCRIBE_URL = 1024;

    public MailMessage {
        to = EmailAddresses.requireValid(to);
        requireHeaderSafe(subject, "subject");
        if (text == null || html == null) {
            throw new IllegalArgumentException("a mail needs both a text and an HTML part");
        }
        if (fromName != null) {
            requireHeaderSafe(fromName, "sender name");
            if (fromName.length() > MAX_FROM_NAME || fromName.contains("@") || fromName.contains("<")) {
                throw new IllegalArgumentException("the sender name must be a short name, not an address");
            }
        }
        if (listUnsubscribe != null) {
            requireHeaderSafe(listUnsubscribe, "unsubscribe link");
            if (listUnsubscribe.length() > MAX_UNSUBSCRIBE_URL
                    || !(listUnsubscribe.startsWith("https://") || listUnsubscribe.startsWith("http://"))
                    || listUnsubscribe.chars().anyMatch(c -> c == '<' || c == '>' || c == ' ' || c > 126)) {
                throw new IllegalArgumentException("the unsubscribe link must be a plain http(s) URL");
            }
        }
    }

    /** A message from the operator's sender, without list headers (verification, invitations). */
    public MailMessage(String to, String subject, String text, String html) {
        this(to, subject, text, html, null, null);
    }

    static void requireHeaderSafe(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the mail " + what + " is required");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException("the mail " + what + " must not contain line breaks");
            }
        }
    }

    @Override
    public String toString() {
        // bodies carry links that act as credentials; never let them reach a log line
        return "MailMessage[subject=" + subject + "]";
    }
}

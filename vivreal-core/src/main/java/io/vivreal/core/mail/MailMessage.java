package io.vivreal.core.mail;

/**
 * One message to one recipient, with a plain-text and an HTML part.
 *
 * <p>The recipient and subject end up in headers, so a carriage return or line feed in either —
 * perhaps from a name a user typed — is refused here rather than trusted to encoding further
 * down: no caller can add a {@code Bcc:} line by accident.
 */
public record MailMessage(String to, String subject, String text, String html) {

    public MailMessage {
        to = EmailAddresses.requireValid(to);
        requireHeaderSafe(subject, "subject");
        if (text == null || html == null) {
            throw new IllegalArgumentException("a mail needs both a text and an HTML part");
        }
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

package io.vivreal.core.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.util.Date;

/** Builds the one MIME shape every delivery uses: {@code multipart/alternative}, text then HTML. */
final class MimeMessages {

    private MimeMessages() {}

    static MimeMessage build(Session session, InternetAddress from, MailMessage message, Clock clock)
            throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        if (message.fromName() == null) {
            mime.setFrom(from);
        } else {
            try {
                mime.setFrom(new InternetAddress(from.getAddress(), message.fromName(), "UTF-8"));
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is unavailable", e);
            }
        }
        if (message.listUnsubscribe() != null) {
            mime.setHeader("List-Unsubscribe", "<" + message.listUnsubscribe() + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(message.to(), true));
        mime.setSubject(message.subject(), "UTF-8");
        mime.setSentDate(Date.from(clock.instant()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mime.setContent(alternative);
        mime.saveChanges();
        return mime;
    }

    /** The configured sender; a display name may not smuggle in line breaks either. */
    static InternetAddress from(String configured) {
        MailMessage.requireHeaderSafe(configured, "sender (VIVREAL_MAIL_FROM)");
        try {
            InternetAddress address = new InternetAddress(configured.strip(), true);
            address.validate();
            return address;
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("VIVREAL_MAIL_FROM is not an address: 'Name <mail@example.com>'");
        }
    }
}

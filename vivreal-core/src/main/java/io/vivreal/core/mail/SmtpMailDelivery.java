package io.vivreal.core.mail;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

/**
 * Jakarta Mail (Eclipse Angus) over SMTP with the TLS rules of {@link SmtpSettings} and every
 * socket step (connect, each read, each write) bounded by a timeout, {@link SmtpSettings#TIMEOUT}
 * in the product. The server's certificate and host name are
 * checked ({@code ssl.checkserveridentity}).
 */
final class SmtpMailDelivery implements MailDelivery {

    private final SmtpSettings settings;
    private final Session session;
    private final InternetAddress from;
    private final Clock clock;

    SmtpMailDelivery(SmtpSettings settings, InternetAddress from, Clock clock, Duration timeout) {
        this.settings = settings;
        this.from = from;
        this.clock = clock;
        String protocol = settings.implicitTls() ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        String millis = String.valueOf(timeout.toMillis());
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", settings.host());
        properties.put(prefix + "port", String.valueOf(settings.port()));
        properties.put(prefix + "connectiontimeout", millis);
        properties.put(prefix + "timeout", millis);
        properties.put(prefix + "writetimeout", millis);
        properties.put(prefix + "auth", String.valueOf(settings.authenticated()));
        properties.put(prefix + "ssl.checkserveridentity", "true");
        if (!settings.implicitTls()) {
            properties.put(prefix + "starttls.enable", String.valueOf(settings.startTls()));
            properties.put(prefix + "starttls.required", String.valueOf(settings.startTls()));
        }
        this.session = Session.getInstance(properties);
    }

    @Override
    public void deliver(MailMessage message) throws Exception {
        MimeMessage mime = MimeMessages.build(session, from, message, clock);
        String protocol = settings.implicitTls() ? "smtps" : "smtp";
        try (Transport transport = session.getTransport(protocol)) {
            try {
                if (settings.authenticated()) {
                    transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
                } else {
                    transport.connect();
                }
            } catch (jakarta.mail.MessagingException e) {
                // nothing of the message left this process: a bulk sender may try it again later
                throw new MailFailure(true, e.getClass().getName());
            }
            transport.sendMessage(mime, mime.getAllRecipients());
        }
    }

    @Override
    public String describe() {
        return settings.describe();
    }
}

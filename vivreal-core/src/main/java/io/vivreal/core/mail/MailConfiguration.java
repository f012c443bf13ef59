package io.vivreal.core.mail;

import io.vivreal.core.config.VivrealProperties;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses where mail goes: {@code VIVREAL_SMTP_URL} when set, else the development outbox —
 * which production refuses, like missing secrets, because mail that silently lands in a file
 * would leave people waiting for links that never come.
 */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);
    static final String DEVELOPMENT_FROM = "Vivreal <no-reply@localhost>";

    @Bean(destroyMethod = "close")
    BoundedMailSender mailSender(
            VivrealProperties properties,
            Clock clock,
            @Value("${vivreal.smtp-url:}") String smtpUrl,
            @Value("${vivreal.mail-from:}") String mailFrom,
            @Value("${vivreal.mail-queue:100}") int queue,
            @Value("${vivreal.mail-retry-pause:5s}") Duration retryPause) {
        MailDelivery delivery = delivery(properties.production(), properties.dataDir(), clock, smtpUrl, mailFrom);
        log.info("mail goes to {}", delivery.describe());
        return new BoundedMailSender(delivery, queue, retryPause);
    }

    static MailDelivery delivery(boolean production, Path dataDir, Clock clock, String smtpUrl, String mailFrom) {
        if (production && (smtpUrl.isBlank() || mailFrom.isBlank())) {
            throw new IllegalStateException("production needs VIVREAL_SMTP_URL (smtps://user:pass@host:465 or"
                    + " smtp://user:pass@host:587 with STARTTLS) and VIVREAL_MAIL_FROM ('Name <no-reply@your.domain>'):"
                    + " sign-up and invitations send mail");
        }
        InternetAddress from = MimeMessages.from(mailFrom.isBlank() ? DEVELOPMENT_FROM : mailFrom);
        if (smtpUrl.isBlank()) {
            return new FileOutboxDelivery(dataDir.resolve("mail"), from, clock);
        }
        return new SmtpMailDelivery(SmtpSettings.parse(smtpUrl), from, clock, SmtpSettings.TIMEOUT);
    }
}

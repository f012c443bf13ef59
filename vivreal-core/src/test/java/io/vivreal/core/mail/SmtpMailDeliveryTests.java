package io.vivreal.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP delivery against a real SMTP server in-process (GreenMail). */
class SmtpMailDeliveryTests {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret pass"));

    private static final String LINK = "https://cms.example.com/auth/verify-email?token=v1.abc";

    private SmtpMailDelivery delivery(String url) {
        return new SmtpMailDelivery(
                SmtpSettings.parse(url),
                MimeMessages.from("Vivreal <no-reply@cms.example.com>"),
                Clock.systemUTC(),
                Duration.ofSeconds(5));
    }

    private String url() {
        return "smtp://mailer:s3cret%20pass@127.0.0.1:" + SMTP.getSmtp().getPort() + "?starttls=false";
    }

    @Test
    void deliversExactlyTheMessageWithATextAndAnHtmlPart() throws Exception {
        MailMessage message = new MailMessage(
                "Ann@Example.com",
                "Confirm your e-mail address — Vivreal",
                "Open " + LINK + "\n",
                "<p><a href=\"" + LINK + "\">Confirm</a></p>");

        delivery(url()).deliver(message);

        assertThat(SMTP.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = SMTP.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("Ann@Example.com");
        assertThat(received.getFrom())
                .extracting(Object::toString)
                .containsExactly("Vivreal <no-reply@cms.example.com>");
        assertThat(received.getSubject()).isEqualTo("Confirm your e-mail address — Vivreal");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) received.getContent();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            types.add(part.getContentType().split(";")[0]);
        }
        assertThat(types).containsExactly("text/plain", "text/html");
        assertThat(((String) parts.getBodyPart(0).getContent()).strip()).isEqualTo("Open " + LINK);
        assertThat((String) parts.getBodyPart(1).getContent()).isEqualTo("<p><a href=\"" + LINK + "\">Confirm</a></p>");
    }

    @Test
    void neverSendsInTheClearWhenStartTlsIsRequiredAndNotOffered() {
        // GreenMail's plain port offers no usable STARTTLS: a required upgrade that fails sends nothing
        String required =
                "smtp://mailer:s3cret%20pass@127.0.0.1:" + SMTP.getSmtp().getPort();

        assertThatThrownBy(() -> delivery(required)
                        .deliver(new MailMessage("ann@example.com", "Hello", "text " + LINK, "<p>html</p>")))
                .isInstanceOf(MailFailure.class)
                .hasMessageContaining("MessagingException");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersHoldsTheMailThreadOnlyUntilTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(30_000);
                } catch (Exception e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SmtpMailDelivery slow = new SmtpMailDelivery(
                    SmtpSettings.parse("smtp://127.0.0.1:" + silent.getLocalPort() + "?starttls=false"),
                    MimeMessages.from("no-reply@cms.example.com"),
                    Clock.systemUTC(),
                    Duration.ofMillis(500));
            long started = System.nanoTime();

            assertThatThrownBy(() -> slow.deliver(new MailMessage("ann@example.com", "Hi", "t", "<p>h</p>")))
                    .isInstanceOf(MailFailure.class)
                    .hasMessageContaining("MessagingException");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theProductTimeoutIsAtMostTenSeconds() {
        assertThat(SmtpSettings.TIMEOUT).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }
}

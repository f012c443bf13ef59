package io.vivreal.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server configured with {@code VIVREAL_SMTP_URL}: sign-up and invitation mails go out through
 * a real SMTP server in-process (GreenMail), exactly as composed, and the links in them work.
 */
@SpringBootTest(classes = VivrealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SmtpMailTests {

    private static final Path DATA_DIR =
            Path.of("target", "test-data", "smtp-" + UUID.randomUUID()).toAbsolutePath();
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.setUser("team@cms.example.com", "mailer", "smtp-pass-never-shown");
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("vivreal.data-dir", DATA_DIR::toString);
        registry.add(
                "vivreal.smtp-url",
                () -> "smtp://mailer:smtp-pass-never-shown@127.0.0.1:"
                        + SMTP.getSmtp().getPort() + "?starttls=false");
        registry.add("vivreal.mail-from", () -> "Vivreal Test <team@cms.example.com>");
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    private Outbox.Mail await(String to, String subject) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> Arrays.stream(SMTP.getReceivedMessages())
                                .map(Outbox::parse)
                                .filter(mail ->
                                        mail.to().equals(to) && mail.subject().equals(subject))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void signUpAndInvitationMailsGoOutThroughSmtpExactlyAsComposed() throws Exception {
        Http http = new Http("http://localhost:" + port);
        Fixtures fixtures = new Fixtures(http);
        Fixtures.User owner = fixtures.user();
        Fixtures.User invitee = fixtures.user();

        Outbox.Mail verification = await(invitee.email(), "Confirm your e-mail address");

        assertThat(verification.from()).isEqualTo("Vivreal Test <team@cms.example.com>");
        String link = verification.link(http.baseUrl() + "/auth/verify-email?token=v1." + invitee.id() + ".");
        assertThat(verification.text())
                .isEqualTo("Hello Test User,\r\n\r\n"
                        + "please confirm that this is your address for Vivreal by opening this link within 24 hours:\r\n\r\n"
                        + link + "\r\n\r\n"
                        + "Invitations to teams reach you only once the address is confirmed.\r\n"
                        + "If you did not sign up, ignore this mail.\r\n");
        assertThat(verification.html())
                .isEqualTo("<p>Hello Test User,</p>"
                        + "<p>please confirm that this is your address for Vivreal within 24 hours:</p>"
                        + "<p><a href=\"" + link + "\">Confirm my address</a></p>"
                        + "<p>Invitations to teams reach you only once the address is confirmed.<br>"
                        + "If you did not sign up, ignore this mail.</p>");
        assertThat(http.get(link.substring(http.baseUrl().length())).header("location"))
                .isEqualTo("/app/groups?verified=1");

        String group = http.post("/api/groups", Map.of("name", "Mail Team"), owner.auth())
                .json()
                .get("groupID")
                .asString();
        String id = fixtures.invite(owner, group, invitee.email(), "editor");
        Outbox.Mail invitation = await(invitee.email(), "Test User invited you to Mail Team on Vivreal");

        assertThat(invitation.text()).contains(http.baseUrl() + "/app/groups?invitation=" + id, "as editor");
        assertThat(invitation.html()).contains("<strong>Mail Team</strong>");
        assertThat(http.post("/api/invitations/" + id + "/accept", null, invitee.auth())
                        .status())
                .isEqualTo(200);
        MimeMessage raw = SMTP.getReceivedMessages()[0];
        assertThat(raw.getHeader("Bcc")).isNull();
        assertThat(DATA_DIR.resolve("mail")).doesNotExist();
    }
}

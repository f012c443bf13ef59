package io.vivreal.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Headers that cannot be injected into, and SMTP settings that never send credentials in clear. */
class MailMessageTests {

    @Test
    void refusesALineBreakInTheSubject() {
        for (String subject :
                new String[] {"Hi\r\nBcc: all@example.com", "Hi\nBcc: x@example.com", "Hi\rX", "a\u2028b"}) {
            assertThatThrownBy(() -> new MailMessage("ann@example.com", subject, "t", "<p>h</p>"))
                    .as(subject)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesARecipientThatIsNotExactlyOneAddress() {
        for (String to : new String[] {
            "ann@example.com\r\nBcc: eve@example.com",
            "ann@example.com, eve@example.com",
            "Ann <ann@example.com>",
            "\"eve\"@example.com",
            "ann@example.com;eve@example.com",
            "no-at-sign"
        }) {
            assertThatThrownBy(() -> new MailMessage(to, "Hi", "t", "<p>h</p>"))
                    .as(to)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesALineBreakInTheConfiguredSender() {
        assertThatThrownBy(() -> MimeMessages.from("Vivreal\r\nBcc: eve@example.com <no-reply@example.com>"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MimeMessages.from("Vivreal <no-reply@example.com>").getPersonal())
                .isEqualTo("Vivreal");
    }

    @Test
    void bodiesNeverReachAStringForm() {
        MailMessage message = new MailMessage("ann@example.com", "Hi", "token=secret-link", "<p>secret-link</p>");

        assertThat(message.toString()).doesNotContain("secret-link", "ann@example.com");
    }

    @Test
    void htmlTextIsEscaped() {
        assertThat(HtmlText.escape("<script>\"x\" & 'y'</script>"))
                .isEqualTo("&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
    }

    @Test
    void smtpRequiresStartTlsAndSmtpsUsesTls() {
        SmtpSettings submission = SmtpSettings.parse("smtp://user:pa%3Ass@mail.example.com");
        SmtpSettings smtps = SmtpSettings.parse("smtps://mail.example.com");

        assertThat(submission.port()).isEqualTo(587);
        assertThat(submission.startTls()).isTrue();
        assertThat(submission.username()).isEqualTo("user");
        assertThat(submission.password()).isEqualTo("pa:ss");
        assertThat(smtps.port()).isEqualTo(465);
        assertThat(smtps.implicitTls()).isTrue();
        assertThat(smtps.authenticated()).isFalse();
    }

    @Test
    void startTlsMayBeTurnedOffOnlyForLoopback() {
        assertThat(SmtpSettings.parse("smtp://127.0.0.1:2525?starttls=false").startTls())
                .isFalse();
        assertThat(SmtpSettings.parse("smtp://localhost:25?starttls=false").startTls())
                .isFalse();
        for (String url : new String[] {
            "smtp://mail.example.com?starttls=false",
            "smtp://10.0.0.5?starttls=false",
            "smtp://127.0.0.1.nip.io?starttls=false"
        }) {
            assertThatThrownBy(() -> SmtpSettings.parse(url)).as(url).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SmtpSettings.parse("http://mail.example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.parse("smtp://mail.example.com?debug=true"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePasswordNeverAppearsInDescriptions() {
        SmtpSettings settings = SmtpSettings.parse("smtps://mailer:hunter2-very-secret@mail.example.com:465");

        assertThat(settings.toString()).doesNotContain("hunter2-very-secret").contains("mail.example.com:465");
        assertThat(settings.describe()).doesNotContain("hunter2-very-secret", "mailer");
    }
}

package io.vivreal.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The queue in front of every delivery, the development outbox, and production's refusal without SMTP. */
@ExtendWith(OutputCaptureExtension.class)
class BoundedMailSenderTests {

    private static MailMessage message(String to) {
        return new MailMessage(to, "Hello", "link https://x.example/t?token=v1.secret-token", "<p>h</p>");
    }

    @Test
    void sendingNeverWaitsForTheServerAndAFullQueueRefusesInsteadOfGrowing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        MailDelivery stuck = new MailDelivery() {
            @Override
            public void deliver(MailMessage message) throws Exception {
                release.await();
                delivered.incrementAndGet();
            }

            @Override
            public String describe() {
                return "a stuck server";
            }
        };
        try (BoundedMailSender sender = new BoundedMailSender(stuck, 2, Duration.ZERO)) {
            long started = System.nanoTime();
            boolean first = sender.send(message("a@example.com")); // taken by the mail thread
            Thread.sleep(100);
            boolean second = sender.send(message("b@example.com"));
            boolean third = sender.send(message("c@example.com"));
            boolean fourth = sender.send(message("d@example.com"));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(List.of(first, second, third, fourth)).containsExactly(true, true, true, false);
            release.countDown();
        }
        assertThat(delivered.get()).isEqualTo(3);
    }

    @Test
    void aFailedDeliveryIsTriedOnceMore() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(2);
        MailDelivery flaky = new MailDelivery() {
            @Override
            public void deliver(MailMessage message) throws Exception {
                attempts.incrementAndGet();
                done.countDown();
                throw new java.io.IOException("connection reset");
            }

            @Override
            public String describe() {
                return "a flaky server";
            }
        };
        try (BoundedMailSender sender = new BoundedMailSender(flaky, 4, Duration.ofMillis(10))) {
            sender.send(message("a@example.com"));
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(attempts.get()).isEqualTo(BoundedMailSender.ATTEMPTS);
    }

    @Test
    void withoutSmtpMailIsWrittenToTheOutboxAndTheLogNamesOnlyTheFile(@TempDir Path dataDir, CapturedOutput output)
            throws Exception {
        MailDelivery outbox = MailConfiguration.delivery(false, dataDir, Clock.systemUTC(), "", "");

        outbox.deliver(message("ann@example.com"));

        List<Path> files;
        try (Stream<Path> listed = Files.list(dataDir.resolve("mail"))) {
            files = listed.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f-]{36}\\.eml");
        assertThat(Files.readString(files.get(0))).contains("To: ann@example.com", "Subject: Hello", "secret-token");
        assertThat(output.getOut())
                .contains("mail written to the development outbox")
                .doesNotContain("secret-token");
    }

    @Test
    void productionRefusesToStartWithoutSmtpOrASender(@TempDir Path dataDir) {
        assertThatThrownBy(
                        () -> MailConfiguration.delivery(true, dataDir, Clock.systemUTC(), "", "Vivreal <a@b.example>"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VIVREAL_SMTP_URL");
        assertThatThrownBy(() -> MailConfiguration.delivery(
                        true, dataDir, Clock.systemUTC(), "smtps://u:secret-pw@mail.example.com", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VIVREAL_MAIL_FROM")
                .message()
                .doesNotContain("secret-pw");
        assertThat(MailConfiguration.delivery(
                                true,
                                dataDir,
                                Clock.systemUTC(),
                                "smtps://u:secret-pw@mail.example.com",
                                "Vivreal <no-reply@cms.example.com>")
                        .describe())
                .isEqualTo("smtps://mail.example.com:465 (TLS, authenticated)");
    }
}

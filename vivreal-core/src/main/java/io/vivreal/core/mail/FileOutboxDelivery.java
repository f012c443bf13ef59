package io.vivreal.core.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development without an SMTP server: each message is written as {@code
 * <data-dir>/mail/<timestamp>-<id>.eml} (open it in any mail program, or read the link from it).
 * The log says a mail was written and where — never the link, which acts as a credential.
 */
final class FileOutboxDelivery implements MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(FileOutboxDelivery.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final InternetAddress from;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    FileOutboxDelivery(Path directory, InternetAddress from, Clock clock) {
        this.directory = directory;
        this.from = from;
        this.clock = clock;
    }

    @Override
    public void deliver(MailMessage message) throws Exception {
        Files.createDirectories(directory);
        String name = STAMP.format(clock.instant()) + "-" + UUID.randomUUID() + ".eml";
        Path target = directory.resolve(name);
        Path partial = directory.resolve(name + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            MimeMessages.build(session, from, message, clock).writeTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        // readers (people, tests) only ever see whole messages
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        log.info("mail written to the development outbox (no VIVREAL_SMTP_URL): {}", target);
    }

    @Override
    public String describe() {
        return "the development outbox " + directory;
    }
}

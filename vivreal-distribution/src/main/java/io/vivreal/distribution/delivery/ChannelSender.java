package io.vivreal.distribution.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.bson.Document;

/**
 * Sends one message through a channel with the JDK's HTTP client: never following redirects (a
 * public URL must not bounce the request to an internal one), short timeouts, the remote's body
 * discarded. What is sent per type:
 *
 * <ul>
 *   <li>{@code webhook}: {@code POST url} with {@code {"type","timestamp","data":{...}}}, signed
 *       with the Standard Webhooks headers;
 *   <li>{@code slack}: {@code POST webhookUrl} {@code {"text": ...}};
 *   <li>{@code discord}: {@code POST webhookUrl} {@code {"content": ...}};
 *   <li>{@code mastodon}: {@code POST instanceUrl/api/v1/statuses} with the access token,
 *       {@code {"status": ..., "visibility": ...}}: {@code public} for published content, {@code
 *       direct} for a test, which must not post publicly;
 *   <li>{@code custom}: {@code POST url} with the webhook body and the secret headers.
 * </ul>
 */
public final class ChannelSender {

    static final String USER_AGENT = "Vivreal-Channels/1";

    private final HttpClient client;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration timeout;

    public ChannelSender(Clock clock, SecureRandom random, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        this.clock = clock;
        this.random = random;
        this.timeout = timeout;
    }

    public DeliveryResult send(Delivery delivery, Message message) {
        HttpRequest request = request(delivery, message);
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return DeliveryResult.answered(response.statusCode());
        } catch (HttpConnectTimeoutException e) {
            return DeliveryResult.unreachable("connection timed out");
        } catch (HttpTimeoutException e) {
            return DeliveryResult.unreachable("no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return DeliveryResult.unreachable("connection failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.unreachable("interrupted");
        }
    }

    private HttpRequest request(Delivery delivery, Message message) {
        Map<String, String> settings = delivery.settings();
        return switch (delivery.type()) {
            case WEBHOOK ->
                signed(URI.create(settings.get("url")), webhookBody(message), settings.get("signingSecret"))
                        .build();
            case SLACK ->
                json(URI.create(settings.get("webhookUrl")), new Document("text", message.text()).toJson())
                        .build();
            case DISCORD ->
                json(URI.create(settings.get("webhookUrl")), new Document("content", message.text()).toJson())
                        .build();
            case MASTODON ->
                json(
                                URI.create(settings.get("instanceUrl").replaceAll("/+$", "") + "/api/v1/statuses"),
                                new Document("status", message.text())
                                        .append("visibility", message.publicPost() ? "public" : "direct")
                                        .toJson())
                        .header("Authorization", "Bearer " + settings.get("accessToken"))
                        .build();
            case CUSTOM -> {
                HttpRequest.Builder builder = json(URI.create(settings.get("url")), webhookBody(message));
                delivery.secretHeaders().forEach(builder::header);
                yield builder.build();
            }
        };
    }

    private String webhookBody(Message message) {
        return new Document("type", message.type())
                .append("timestamp", clock.instant().toString())
                .append("data", message.data())
                .toJson();
    }

    private HttpRequest.Builder signed(URI uri, String body, String secret) {
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        long timestamp = clock.instant().getEpochSecond();
        return json(uri, body)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", StandardWebhooks.signature(secret, id, timestamp, body));
    }

    private HttpRequest.Builder json(URI uri, String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}

package io.vivreal.distribution.adapters;

import java.time.Instant;
import org.bson.Document;

/**
 * What is sent for one event, the same on every attempt: the event type (the webhook body's
 * {@code type}), when it happened, the event's data for webhooks, a line of text for chat
 * channels, and whether a Mastodon post may be public (tests and submissions are not).
 */
public record Message(String type, Instant timestamp, Document data, String text, boolean publicPost) {

    /** The type of a composed post's message: the worker publishes it instead of delivering it. */
    public static final String POST = "vivreal.post";

    public static Message test(String channelName, Instant now) {
        String text = "Test message from Vivreal for the channel \u201c" + channelName + "\u201d.";
        return new Message(
                "vivreal.test", now, new Document("channel", channelName).append("message", text), text, false);
    }

    public Document toDocument() {
        return new Document("type", type)
                .append("timestamp", java.util.Date.from(timestamp))
                .append("data", data)
                .append("text", text)
                .append("publicPost", publicPost);
    }

    public static Message from(Document document) {
        return new Message(
                document.getString("type"),
                document.getDate("timestamp").toInstant(),
                document.get("data", Document.class),
                document.getString("text"),
                document.getBoolean("publicPost", false));
    }

    /** The Standard Webhooks body: {@code {"type","timestamp","data"}}, identical on every attempt. */
    String webhookBody() {
        return new Document("type", type)
                .append("timestamp", timestamp.toString())
                .append("data", data)
                .toJson();
    }
}

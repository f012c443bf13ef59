package io.vivreal.distribution.delivery;

import org.bson.Document;

/**
 * What is sent: an event type (the webhook body's {@code type}), a line of text for chat channels,
 * the event's data for webhooks, and whether a Mastodon post may be public (a test is not).
 */
public record Message(String type, String text, Document data, boolean publicPost) {

    public static Message test(String channelName) {
        String text = "Test message from Vivreal for the channel \u201c" + channelName + "\u201d.";
        return new Message("vivreal.test", text, new Document("channel", channelName).append("message", text), false);
    }
}

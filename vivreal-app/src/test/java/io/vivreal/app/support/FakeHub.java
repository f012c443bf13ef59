package io.vivreal.app.support;

/**
 * The WebSub hub every test server is configured with ({@code vivreal.websub.hub}): a recording
 * server that accepts publish pings with {@code 204}, as a hub does. Only feed-enabled content
 * types ping it, so other tests never see it.
 */
public final class FakeHub {

    public static final RecordingServer SERVER = new RecordingServer();

    private FakeHub() {}

    public static String url() {
        return SERVER.url("/hub");
    }
}

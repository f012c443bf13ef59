package io.vivreal.distribution.connections;

/**
 * Where a channel's connection stands. {@code connected}: tokens stored and last accepted; {@code
 * needsReconnect}: the platform refused the token (401) or its refresh, so posts fail until a
 * person connects again; {@code disconnected}: no tokens (never connected, or disconnected).
 */
public enum ConnectionStatus {
    CONNECTED("connected"),
    NEEDS_RECONNECT("needsReconnect"),
    DISCONNECTED("disconnected");

    private final String wire;

    ConnectionStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static ConnectionStatus parse(String value) {
        for (ConnectionStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        return DISCONNECTED;
    }
}

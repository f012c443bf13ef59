package io.vivreal.distribution.connections;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel's connection as stored: tokens as {@code enc:v1:} ciphertexts bound to (group, channel,
 * field), the account they act as, when the access token ends, and a {@code revision} that every
 * change of the tokens or the status increases — the compare-and-set that keeps two workers from
 * both refreshing, and a late refusal from marking a newer token.
 */
record StoredConnection(
        String channelId,
        String groupID,
        ConnectionStatus status,
        String accountId,
        String accountHandle,
        String accessToken,
        String refreshToken,
        Instant expiresAt,
        Instant refreshExpiresAt,
        long revision,
        Instant refreshingUntil,
        Instant connectedAt,
        Instant updatedAt) {

    /** What answers show: never a token, not even masked. */
    Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("status", status.wire());
        wire.put("accountHandle", accountHandle);
        wire.put("expiresAt", expiresAt);
        wire.put("connectedAt", connectedAt);
        return wire;
    }

    @Override
    public String toString() {
        return "StoredConnection[" + channelId + " " + status.wire() + ", tokens hidden]";
    }
}

package io.vivreal.management.channels;

import io.vivreal.distribution.connections.ConnectionService;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/connections/callback}: where a provider sends the member's browser back. It
 * carries no session — the single-use {@code state} names the group, channel and member that
 * started the flow — so it sits in the public {@code /auth/**} chain. A wrong, expired or replayed
 * state is a 400 and nothing is stored; otherwise the browser goes on (303) to the portal's
 * channels page with {@code connection=connected|denied|failed}. The answer never repeats the
 * code, and {@code Referrer-Policy: no-referrer} keeps it out of the next page's requests.
 */
@RestController
class ConnectionCallbackController {

    private final ConnectionService connections;

    ConnectionCallbackController(ConnectionService connections) {
        this.connections = connections;
    }

    @GetMapping(ConnectionService.CALLBACK_PATH)
    ResponseEntity<Void> callback(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String error) {
        ConnectionService.Completion completion = connections.complete(state, code, error);
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/app/channels?connection="
                        + completion.outcome().wire() + "&channel=" + completion.channelId()))
                .cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}

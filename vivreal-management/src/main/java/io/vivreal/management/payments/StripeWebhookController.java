package io.vivreal.management.payments;

import io.vivreal.core.web.ApiError;
import io.vivreal.distribution.payments.StripeWebhooks;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/stripe/{webhookId}}, public: the body is taken as raw bytes because the
 * signature covers exactly them; any re-serialisation would break it. An unknown id is 404, a bad
 * signature 400 (nothing changed), a resync Stripe could not answer 503 so Stripe retries; every
 * verified event is acknowledged with 200, handled or not.
 */
@RestController
class StripeWebhookController {

    private final StripeWebhooks webhooks;

    StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/webhooks/stripe/{webhookId}")
    ResponseEntity<?> receive(
            @PathVariable String webhookId,
            @RequestHeader(value = "Stripe-Signature", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        String payload = body == null ? null : new String(body, StandardCharsets.UTF_8);
        return switch (webhooks.receive(webhookId, payload, signature)) {
            case HANDLED, IGNORED -> ResponseEntity.ok(new Received(true));
            case UNKNOWN_WEBHOOK ->
                ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", "webhook not found"));
            case BAD_SIGNATURE ->
                ResponseEntity.badRequest()
                        .body(ApiError.of("invalid_signature", "the Stripe-Signature header does not verify"));
            case RETRY ->
                ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(ApiError.of("retry", "Stripe could not be reached; retry later"));
        };
    }

    record Received(boolean received) {}
}

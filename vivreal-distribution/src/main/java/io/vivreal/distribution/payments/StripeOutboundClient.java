package io.vivreal.distribution.payments;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stripe's library's HTTP, sent through {@link OutboundHttp}: the library builds the request
 * (authentication, {@code Stripe-Version}, form encoding, {@code Idempotency-Key}) and parses the
 * answer; the bytes travel the way every outbound request does — guarded address, no redirects,
 * bounded time and answer size. A transport failure is the library's {@link ApiConnectionException}
 * with only the failure's class, never the request; the secret key is passed as a secret so an
 * echo of it never reaches an excerpt.
 */
final class StripeOutboundClient extends HttpClient {

    static final String FIELD = "stripe";

    private final OutboundHttp http;

    StripeOutboundClient(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public StripeResponse request(StripeRequest request) throws StripeException {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        request.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !values.isEmpty()) {
                headers.put(name, String.join(",", values));
            }
            if (name.equalsIgnoreCase("Authorization")) {
                values.forEach(value -> secrets.add(value.substring(value.indexOf(' ') + 1)));
            }
        });
        String url = request.url().toString();
        OutboundRequest outbound = switch (request.method()) {
            case GET -> OutboundRequest.get(url, FIELD, headers, secrets);
            case POST ->
                OutboundRequest.bytes(
                        url,
                        FIELD,
                        headers,
                        request.content() == null
                                ? OutboundRequest.FORM
                                : request.content().contentType(),
                        request.content() == null
                                ? new byte[0]
                                : request.content().byteArrayContent(),
                        secrets);
            default -> throw new ApiConnectionException("Vivreal sends Stripe only GET and POST requests");
        };
        OutboundResponse response = http.send(outbound);
        if (response.status() == null) {
            throw new ApiConnectionException("Stripe could not be reached (" + response.error() + ")");
        }
        Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> answerHeaders.put(name.toLowerCase(Locale.ROOT), List.of(value)));
        return new StripeResponse(response.status(), HttpHeaders.of(answerHeaders), response.contentText());
    }
}

package io.vivreal.distribution.payments;

import com.stripe.StripeClient;
import com.stripe.net.Authenticator;
import com.stripe.net.BearerTokenAuthenticator;
import com.stripe.net.LiveStripeResponseGetter;
import com.stripe.net.StripeResponseGetterOptions;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.net.PasswordAuthentication;
import java.net.Proxy;

/**
 * Makes a {@link StripeClient} for one group's secret key, on {@code VIVREAL_STRIPE_API_BASE}
 * (default {@code https://api.stripe.com}; a local fake in tests), sending through {@link
 * StripeOutboundClient}. The library's static {@code Stripe.apiKey} is never set: a key shared by
 * the whole process is exactly how one group's request would run on another group's account.
 * Retries are off; the outbound client's own time limits bound each call.
 */
public final class StripeApi {

    public static final String DEFAULT_BASE = "https://api.stripe.com";

    private final String apiBase;
    private final StripeOutboundClient http;

    public StripeApi(String apiBase, OutboundHttp http) {
        this.apiBase = apiBase == null || apiBase.isBlank() ? DEFAULT_BASE : stripTrailingSlash(apiBase.strip());
        this.http = new StripeOutboundClient(http);
    }

    StripeClient client(String secretKey) {
        return new StripeClient(new LiveStripeResponseGetter(new Options(secretKey, apiBase), http));
    }

    private static String stripTrailingSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static final class Options extends StripeResponseGetterOptions {

        private final String secretKey;
        private final String base;

        Options(String secretKey, String base) {
            this.secretKey = secretKey;
            this.base = base;
        }

        @Override
        public Authenticator getAuthenticator() {
            return new BearerTokenAuthenticator(secretKey);
        }

        @Override
        public String getClientId() {
            return null;
        }

        @Override
        public int getConnectTimeout() {
            return 5_000;
        }

        @Override
        public Proxy getConnectionProxy() {
            return null;
        }

        @Override
        public int getMaxNetworkRetries() {
            return 0;
        }

        @Override
        public PasswordAuthentication getProxyCredential() {
            return null;
        }

        @Override
        public String getApiBase() {
            return base;
        }

        @Override
        public String getFilesBase() {
            return base;
        }

        @Override
        public String getConnectBase() {
            return base;
        }

        @Override
        public String getMeterEventsBase() {
            return base;
        }

        @Override
        public int getReadTimeout() {
            return 15_000;
        }

        @Override
        public String getStripeAccount() {
            return null;
        }

        @Override
        public String getStripeContext() {
            return null;
        }

        @Override
        public String toString() {
            return "StripeApi.Options[key hidden]";
        }
    }
}

package io.vivreal.distribution.payments;

import com.stripe.exception.StripeException;
import com.stripe.model.Coupon;
import com.stripe.model.PromotionCode;
import com.stripe.param.PromotionCodeListParams;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A site's {@code validateCoupon}: whether a customer-facing promotion code is active on the
 * group's Stripe account, and its terms. The code is checked for shape first (letters, digits,
 * {@code -} and {@code _}, at most 64) and handed to the library as a parameter, which encodes it;
 * junk never reaches Stripe.
 */
public final class PromotionCodes {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** Lookups per client address per window: enough for a shopper, too few to guess codes. */
    static final long PER_ADDRESS = 30;

    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);

    private final StripeApi api;
    private final StripeAccounts accounts;
    private final RateLimiter limiter;
    private final Clock clock;

    PromotionCodes(StripeApi api, StripeAccounts accounts, RateLimiter limiter, Clock clock) {
        this.api = api;
        this.accounts = accounts;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** The terms; empty when the group has no Stripe connection. */
    public Optional<Map<String, Object>> validate(TenantScope scope, String clientAddress, Map<String, Object> body) {
        if (body == null || body.size() != 1 || !(body.get("code") instanceof String raw)) {
            throw DomainException.invalid("code", "code is required and is the only property");
        }
        String code = raw;
        if (!CODE.matcher(code).matches()) {
            throw DomainException.invalid("code", "code must be 1-64 letters, digits, - or _");
        }
        Optional<StripeAccount> account = accounts.find(scope);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        RateLimiter.Decision decision = limiter.attempt(
                "coupon:" + scope.groupID() + ":" + CheckoutSessions.hash(clientAddress), PER_ADDRESS, ADDRESS_WINDOW);
        if (!decision.allowed()) {
            throw new RateLimitedException("too many coupon checks; retry later", decision.retryAfter());
        }
        List<PromotionCode> found;
        try {
            found = api.client(account.get().secretKey())
                    .v1()
                    .promotionCodes()
                    .list(PromotionCodeListParams.builder()
                            .setCode(code)
                            .setActive(true)
                            .setLimit(1L)
                            .addExpand("data.promotion.coupon")
                            .build())
                    .getData();
        } catch (StripeException | RuntimeException e) {
            throw StripeConnections.unavailable();
        }
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("valid", false);
        terms.put("code", code);
        if (found.isEmpty()) {
            return Optional.of(terms);
        }
        PromotionCode promotion = found.get(0);
        Coupon coupon = promotion.getPromotion() == null
                ? null
                : promotion.getPromotion().getCouponObject();
        Long expires = promotion.getExpiresAt();
        boolean expired = expires != null && Instant.ofEpochSecond(expires).isBefore(clock.instant());
        if (coupon == null
                || !Boolean.TRUE.equals(coupon.getValid())
                || !Boolean.TRUE.equals(promotion.getActive())
                || expired) {
            return Optional.of(terms);
        }
        terms.put("valid", true);
        terms.put("code", promotion.getCode());
        if (coupon.getPercentOff() != null) {
            terms.put("percentOff", coupon.getPercentOff().doubleValue());
        } else {
            terms.put("amountOff", coupon.getAmountOff());
        }
        terms.put("currency", coupon.getCurrency());
        terms.put("duration", coupon.getDuration());
        terms.put(
                "expiresAt",
                expires == null ? null : Instant.ofEpochSecond(expires).toString());
        return Optional.of(terms);
    }
}

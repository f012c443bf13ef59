package io.vivreal.identity.login;

import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.identity.twofactor.SecondFactor;
import io.vivreal.identity.user.User;
import io.vivreal.identity.user.UserService;
import io.vivreal.identity.verification.EmailVerification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Password sign-in and sign-up for both doors ({@code /auth} and the portal): the attempt is
 * counted per client address and per account in the shared store (so the limits hold across
 * instances) before any hashing, then the password work runs on the bounded {@link
 * PasswordHashing} pool.
 */
public final class LoginService {

    private final UserService users;
    private final RateLimiter limiter;
    private final PasswordHashing hashing;
    private final VivrealProperties.Login limits;
    private final EmailVerification verification;
    private final SecondFactor secondFactor;

    private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);

    {
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
    }

    public LoginService(
            UserService users,
            RateLimiter limiter,
            PasswordHashing hashing,
            VivrealProperties.Login limits,
            EmailVerification verification,
            SecondFactor secondFactor) {
        this.users = users;
        this.secondFactor = secondFactor;
        this.verification = verification;
        this.limiter = limiter;
        this.hashing = hashing;
        this.limits = limits;
    }

    /**
     * The user whose password this is, and whose second factor {@code code} is when they have one.
     * Completes with 401 {@code invalid_credentials} for a wrong email or password alike, with 401
     * {@code code_required} or {@code invalid_code} only once the password is right, and with 429
     * when the address or the account is over its limit — every attempt counts, so code guesses use
     * up the same budget as password guesses.
     */
    public CompletableFuture<User> login(String email, String password, String code, String clientAddress) {
        try {
            count("login:address:" + digest(clientAddress), limits.attemptsPerAddress());
            String account = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
            count("login:account:" + digest(account), limits.attemptsPerAccount());
        } catch (RateLimitedException e) {
            outcomes.get(Outcome.RATE_LIMITED).increment();
            return CompletableFuture.failedFuture(e);
        }
        return hashing.submit(() -> {
                    User user = users.authenticate(email, password)
                            .orElseThrow(() -> new DomainException(
                                    DomainException.Kind.UNAUTHENTICATED,
                                    "invalid_credentials",
                                    "email or password is wrong",
                                    null));
                    secondFactor.requireAtSignIn(user, code);
                    return user;
                })
                .whenComplete((user, failure) -> outcomes.get(
                                failure == null
                                        ? Outcome.SUCCEEDED
                                        : failure instanceof RateLimitedException
                                                        || failure.getCause() instanceof RateLimitedException
                                                ? Outcome.BUSY
                                                : Outcome.REFUSED)
                        .increment());
    }

    /**
     * Confirms the password of an already signed-in user (step-up). Counted in the same per-address
     * and per-account buckets as a sign-in, and hashed on the same bounded pool, so a stolen token
     * gives no faster way to guess the password than the sign-in form. A wrong password completes
     * with 401 {@code invalid_credentials}.
     */
    public CompletableFuture<User> reauthenticate(String userId, String password, String clientAddress) {
        Optional<User> user = users.byId(userId);
        try {
            count("login:address:" + digest(clientAddress), limits.attemptsPerAddress());
            String account = user.map(User::email)
                    .map(email -> email.strip().toLowerCase(Locale.ROOT))
                    .orElse("");
            count("login:account:" + digest(account), limits.attemptsPerAccount());
        } catch (RateLimitedException e) {
            outcomes.get(Outcome.RATE_LIMITED).increment();
            return CompletableFuture.failedFuture(e);
        }
        String email = user.map(User::email).orElse(null);
        return hashing.submit(() -> users.authenticate(email, password)
                .filter(u -> u.id().equals(userId))
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.UNAUTHENTICATED, "invalid_credentials", "the password is wrong", null)));
    }

    /**
     * Step-up with the second factor instead of the password: a TOTP code or a recovery code of the
     * signed-in user, counted in the same buckets as a sign-in. Completes with 401 {@code
     * invalid_code} for a wrong or used code, and for a user without a second factor.
     */
    public CompletableFuture<User> reauthenticateWithCode(String userId, String code, String clientAddress) {
        Optional<User> user = users.byId(userId);
        try {
            count("login:address:" + digest(clientAddress), limits.attemptsPerAddress());
            String account = user.map(User::email)
                    .map(email -> email.strip().toLowerCase(Locale.ROOT))
                    .orElse("");
            count("login:account:" + digest(account), limits.attemptsPerAccount());
        } catch (RateLimitedException e) {
            outcomes.get(Outcome.RATE_LIMITED).increment();
            return CompletableFuture.failedFuture(e);
        }
        if (user.isEmpty() || secondFactor.verify(userId, code) != SecondFactor.Check.ACCEPTED) {
            return CompletableFuture.failedFuture(SecondFactor.invalidCode());
        }
        return CompletableFuture.completedFuture(user.get());
    }

    /** How password sign-ins ended: for metrics, counted without any user or address. */
    public enum Outcome {
        SUCCEEDED,
        /** Wrong email or password. */
        REFUSED,
        /** Over the per-address or per-account limit. */
        RATE_LIMITED,
        /** The hashing pool's queue was full. */
        BUSY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public long signIns(Outcome outcome) {
        return outcomes.get(outcome).sum();
    }

    /**
     * Creates an account; the password is hashed on the bounded pool. Sign-ups count per client
     * address like sign-ins (a bucket of their own), so accounts cannot be minted in bulk. The new
     * account's address is unverified until the link of the verification mail sent here comes back.
     */
    public CompletableFuture<User> signup(String email, String password, String name, String clientAddress) {
        try {
            count("signup:address:" + digest(clientAddress), limits.attemptsPerAddress());
        } catch (RateLimitedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return hashing.submit(() -> {
            User user = users.signup(email, password, name);
            verification.send(user);
            return user;
        });
    }

    private void count(String bucket, int limit) {
        RateLimiter.Decision decision = limiter.attempt(bucket, limit, limits.window());
        if (!decision.allowed()) {
            throw new RateLimitedException("too many sign-in attempts; try again later", decision.retryAfter());
        }
    }

    /** Buckets hold digests, never raw addresses or emails. */
    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

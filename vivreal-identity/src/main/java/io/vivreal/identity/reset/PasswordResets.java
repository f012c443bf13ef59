package io.vivreal.identity.reset;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.mail.HtmlText;
import io.vivreal.core.mail.MailMessage;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.secrets.RotatingSecret;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.web.PublicUrl;
import io.vivreal.identity.login.PasswordHashing;
import io.vivreal.identity.session.Sessions;
import io.vivreal.identity.user.User;
import io.vivreal.identity.user.UserService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for and uses password-reset links ({@code password_resets}: the token's digest, its user,
 * its expiry).
 *
 * <p>Asking does the same work and gives the same answer whether the address has a password
 * account or not: both limits are counted first (per client address with the sign-in limit, per
 * address asked for), a token is made either way, and the mail is only queued, so neither the
 * answer nor its timing says which addresses have accounts. Using a link consumes its record in
 * one atomic find-and-delete, so two uses racing each other cannot both pass.
 */
public final class PasswordResets implements IndexDefinitions, Expiring {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);
    static final String COLLECTION = "password_resets";
    public static final Duration LIFETIME = Duration.ofMinutes(30);
    static final int PER_ACCOUNT = 3;
    static final Duration ACCOUNT_WINDOW = Duration.ofHours(1);

    private final MongoCollection<Document> resets;
    private final PasswordResetTokens tokens;
    private final UserService users;
    private final Sessions sessions;
    private final PasswordHashing hashing;
    private final MailSender mail;
    private final RateLimiter limiter;
    private final VivrealProperties.Login limits;
    private final PublicUrl publicUrl;
    private final Clock clock;

    public PasswordResets(
            ControlPlane controlPlane,
            RotatingSecret<byte[]> contextSecret,
            SecureRandom random,
            UserService users,
            Sessions sessions,
            PasswordHashing hashing,
            MailSender mail,
            RateLimiter limiter,
            VivrealProperties.Login limits,
            PublicUrl publicUrl,
            Clock clock) {
        this.resets = controlPlane.collection(COLLECTION);
        this.tokens = new PasswordResetTokens(contextSecret, random);
        this.users = users;
        this.sessions = sessions;
        this.hashing = hashing;
        this.mail = mail;
        this.limiter = limiter;
        this.limits = limits;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(
                IndexSpec.expiring(COLLECTION, "expiresAt"), IndexSpec.of(COLLECTION, new Document("userId", 1)));
    }

    /**
     * Mails a link to the password account with this address, if there is one. Throws 400 for a
     * missing or over-long address and 429 past a limit — both regardless of any account.
     */
    public void request(String email, String clientAddress) {
        if (email == null || email.isBlank() || email.length() > 254) {
            throw DomainException.invalid("email", "email must be a valid address");
        }
        count("reset:address:" + digest(clientAddress), limits.attemptsPerAddress(), limits.window());
        count("reset:account:" + digest(email.strip().toLowerCase(Locale.ROOT)), PER_ACCOUNT, ACCOUNT_WINDOW);
        PasswordResetTokens.Issued issued = tokens.issue();
        Optional<User> user = users.localByEmail(email);
        if (user.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        resets.insertOne(new Document("_id", issued.digest())
                .append("userId", user.get().id())
                .append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(LIFETIME))));
        if (!mail.send(message(user.get(), issued.token()))) {
            log.warn(
                    "user {}: the mail queue is full; password reset mail not sent",
                    user.get().id());
        }
    }

    /**
     * Sets the password of the link's account, consumes the link, drops the account's other links
     * and ends every session of the account. A reused, expired, tampered or made-up token is 400
     * {@code invalid_token}; a weak password is 400 on {@code password} and leaves the link usable.
     */
    public CompletableFuture<Void> confirm(String token, String password) {
        Optional<String> digest;
        try {
            UserService.checkPassword("password", password);
            digest = tokens.verify(token);
        } catch (DomainException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (digest.isEmpty()) {
            return CompletableFuture.failedFuture(invalidToken());
        }
        return hashing.submit(() -> {
            Document consumed =
                    resets.findOneAndDelete(and(eq("_id", digest.get()), gt("expiresAt", Date.from(clock.instant()))));
            if (consumed == null) {
                throw invalidToken();
            }
            String userId = consumed.getString("userId");
            if (!users.setPassword(userId, password)) {
                throw invalidToken();
            }
            resets.deleteMany(eq("userId", userId));
            sessions.endAllBut(userId, null);
            return null;
        });
    }

    @Override
    public long sweepExpired() {
        return resets.deleteMany(lt("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }

    private MailMessage message(User user, String token) {
        String link = publicUrl.value() + "/app/reset-password#token=" + token;
        String name = user.name() == null ? "" : user.name();
        String text = "Hello " + name + ",\n\n"
                + "someone asked to reset the password of your Vivreal account. To choose a new password,"
                + " open this link within 30 minutes; it works once:\n\n"
                + link + "\n\n"
                + "Setting a new password signs you out everywhere.\n"
                + "If you did not ask for this, ignore this mail: your password stays as it is.\n";
        String html = "<p>Hello " + HtmlText.escape(name) + ",</p>"
                + "<p>someone asked to reset the password of your Vivreal account. To choose a new password,"
                + " open this link within 30 minutes; it works once:</p>"
                + "<p><a href=\"" + HtmlText.escape(link) + "\">Choose a new password</a></p>"
                + "<p>Setting a new password signs you out everywhere.<br>"
                + "If you did not ask for this, ignore this mail: your password stays as it is.</p>";
        return new MailMessage(user.email(), "Reset your Vivreal password", text, html);
    }

    private static DomainException invalidToken() {
        return new DomainException(
                DomainException.Kind.INVALID,
                "invalid_token",
                "this reset link is not valid: it was used, has expired or was changed; ask for a new one",
                "token");
    }

    private void count(String bucket, int limit, Duration window) {
        RateLimiter.Decision decision = limiter.attempt(bucket, limit, window);
        if (!decision.allowed()) {
            throw new RateLimitedException("too many password reset requests; try again later", decision.retryAfter());
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

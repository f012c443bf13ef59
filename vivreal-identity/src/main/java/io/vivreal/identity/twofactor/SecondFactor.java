package io.vivreal.identity.twofactor;

import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.CredentialDecryptionException;
import io.vivreal.core.domain.DomainException;
import io.vivreal.identity.user.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's second factor: enrolment, confirmation, the check at sign-in and step-up, and turning
 * it off.
 *
 * <p>The secret is 160 random bits (RFC 4226's recommended length), shown once at enrolment and
 * stored only encrypted, bound to the user. It takes effect when a code from it is confirmed, so a
 * mistyped scan never locks anyone out; re-enrolling keeps the old secret in force until then.
 * Recovery codes are 60 random bits each: too many to guess, so a salted SHA-256 is enough (a slow
 * password hash protects low-entropy secrets, which these are not).
 *
 * <p>{@link #requireAtSignIn} is called once the password is known to be right, never before: an
 * answer of {@code code_required} must not tell a guesser that an account exists or that a
 * password is wrong.
 */
public final class SecondFactor {

    private static final Logger log = LoggerFactory.getLogger(SecondFactor.class);

    static final String ISSUER = "Vivreal";
    static final int RECOVERY_CODES = 10;
    private static final int SECRET_BYTES = 20;
    private static final int RECOVERY_CHARS = 12;
    private static final int MAX_CODE_LENGTH = 64;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private final SecondFactorStore store;
    private final CredentialCipher cipher;
    private final Clock clock;
    private final SecureRandom random;

    public SecondFactor(SecondFactorStore store, CredentialCipher cipher, Clock clock, SecureRandom random) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
        this.random = random;
    }

    /** What enrolment shows once: the secret for typing, the URL for apps, and its QR code. */
    public record Enrollment(String secret, String otpauthUrl, String qrSvg) {
        @Override
        public String toString() {
            return "Enrollment[redacted]";
        }
    }

    /** How a presented code fared. */
    public enum Check {
        ACCEPTED,
        REFUSED,
        NOT_ENROLLED
    }

    /** Whether the user has a confirmed second factor. */
    public boolean enabled(String userId) {
        return store.find(userId).map(SecondFactorStore.Stored::enabled).orElse(false);
    }

    public int recoveryCodesLeft(String userId) {
        return store.recoveryCodesLeft(userId);
    }

    /** Starts an enrolment with a fresh secret; nothing changes for sign-in until {@link #confirm}. */
    public Enrollment enroll(String userId, String email) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String encoded = Base32.encode(secret);
        store.savePending(
                userId,
                cipher.encrypt(encoded, SecondFactorStore.binding(userId, SecondFactorStore.PENDING)),
                clock.instant());
        String label = ISSUER + ":" + encode(email == null ? userId : email);
        String url = "otpauth://totp/" + label + "?secret=" + encoded + "&issuer=" + encode(ISSUER);
        return new Enrollment(encoded, url, QrSvg.of(url));
    }

    /**
     * Confirms the pending enrolment with a code from it: the secret takes effect, that code's step
     * counts as used, and ten new recovery codes replace any old ones. Answers the codes, once.
     */
    public List<String> confirm(String userId, String code) {
        if (!TotpCodes.looksLikeCode(code)) {
            throw DomainException.invalid("code", "code must be the six digits your authenticator app shows");
        }
        SecondFactorStore.Stored stored = store.find(userId)
                .filter(s -> s.pending() != null)
                .orElseThrow(() -> DomainException.conflict(
                        "no_pending_enrollment", "start with POST /auth/totp/enroll, then confirm a code from it"));
        String encoded = cipher.decrypt(stored.pending(), SecondFactorStore.binding(userId, SecondFactorStore.PENDING));
        long[] steps = TotpCodes.matchingSteps(Base32.decode(encoded), code, clock.instant());
        if (steps.length == 0) {
            throw DomainException.invalid("code", "code does not match; check the time on your device and try again");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = newRecoveryCode();
            codes.add(recovery);
            hashes.add(hash(salt, normalise(recovery)));
        }
        boolean enabled = store.enable(
                userId,
                stored.pending(),
                cipher.encrypt(encoded, SecondFactorStore.binding(userId, SecondFactorStore.SECRET)),
                steps[steps.length - 1],
                HexFormat.of().formatHex(salt),
                hashes,
                clock.instant());
        if (!enabled) {
            throw DomainException.conflict(
                    "no_pending_enrollment",
                    "the enrolment changed meanwhile; start again with POST /auth/totp/enroll");
        }
        return List.copyOf(codes);
    }

    /**
     * Checks a TOTP code (six digits) or a recovery code, using it up if it is right. A TOTP code
     * is accepted only for a step later than every step accepted before; a recovery code only once.
     */
    public Check verify(String userId, String code) {
        Optional<SecondFactorStore.Stored> stored = store.find(userId).filter(SecondFactorStore.Stored::enabled);
        if (stored.isEmpty()) {
            return Check.NOT_ENROLLED;
        }
        if (code == null || code.length() > MAX_CODE_LENGTH) {
            return Check.REFUSED;
        }
        String given = code.strip();
        if (TotpCodes.looksLikeCode(given)) {
            String encoded;
            try {
                encoded = cipher.decrypt(
                        stored.get().secret(), SecondFactorStore.binding(userId, SecondFactorStore.SECRET));
            } catch (CredentialDecryptionException e) {
                // a value moved from another record, tampered with, or under a retired key: fail closed
                log.warn("the second-factor secret of user {} does not decrypt; refusing its codes", userId);
                return Check.REFUSED;
            }
            for (long step : TotpCodes.matchingSteps(Base32.decode(encoded), given, clock.instant())) {
                if (store.acceptStep(userId, step)) {
                    return Check.ACCEPTED;
                }
            }
            return Check.REFUSED;
        }
        String normalised = normalise(given);
        if (normalised.length() != RECOVERY_CHARS || stored.get().salt() == null) {
            return Check.REFUSED;
        }
        String hash = hash(HexFormat.of().parseHex(stored.get().salt()), normalised);
        return store.useRecoveryCode(userId, hash) ? Check.ACCEPTED : Check.REFUSED;
    }

    /**
     * The second step of a password sign-in, once the password is right: nothing for a user
     * without a second factor; otherwise 401 {@code code_required} without a code and 401 {@code
     * invalid_code} for a wrong, reused or out-of-window one.
     */
    public void requireAtSignIn(User user, String code) {
        if (code == null || code.isBlank()) {
            if (enabled(user.id())) {
                throw new DomainException(
                        DomainException.Kind.UNAUTHENTICATED,
                        "code_required",
                        "enter the code from your authenticator app (or a recovery code)",
                        "code");
            }
            return;
        }
        if (verify(user.id(), code) == Check.REFUSED) {
            throw invalidCode();
        }
    }

    public static DomainException invalidCode() {
        return new DomainException(
                DomainException.Kind.UNAUTHENTICATED, "invalid_code", "the code is wrong or was already used", "code");
    }

    /** Turns the second factor off: the secret and the recovery codes are deleted. */
    public void disable(String userId) {
        store.delete(userId);
    }

    private String newRecoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < RECOVERY_CHARS; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private static String normalise(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String hash(byte[] salt, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return HexFormat.of().formatHex(digest.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package io.vivreal.identity.user;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.vivreal.core.domain.DisplayNames;
import io.vivreal.core.domain.DomainException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sign-up and password sign-in.
 *
 * <p>Passwords are hashed with Argon2id. A sign-in with an unknown email still runs one hash, so
 * the answer time does not reveal which emails have accounts, and both failures get the same
 * answer.
 */
public final class UserService {

    public static final int MIN_PASSWORD_LENGTH = 10;
    static final int MAX_PASSWORD_LENGTH = 256;
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final String dummyHash;

    public UserService(UserRepository users, PasswordEncoder passwords, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
        this.dummyHash = passwords.encode("timing-equaliser-not-a-password");
    }

    public User signup(String rawEmail, String password, String rawName) {
        String email = validEmail(rawEmail);
        checkPassword("password", password);
        String name = DisplayNames.clean(rawName, "name", 100);
        User user = new User(
                new ObjectId().toHexString(), email, name, passwords.encode(password), null, clock.instant(), false);
        try {
            users.insert(user);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw DomainException.conflict("email_taken", "an account with this email already exists");
            }
            throw e;
        }
        return user;
    }

    /** The password rules of sign-up, for every route that sets a password; 400 naming {@code field}. */
    public static void checkPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw DomainException.invalid(field, field + " must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw DomainException.invalid(field, field + " must be at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    /**
     * Sets a password account's new password (checked by {@link #checkPassword} first); {@code
     * false} for an external account or an unknown id. Hashes: call it on the hashing pool.
     */
    public boolean setPassword(String userId, String password) {
        checkPassword("password", password);
        return users.setPasswordHash(userId, passwords.encode(password));
    }

    /** The password account with this address, if any (external accounts have no password to reset). */
    public Optional<User> localByEmail(String email) {
        if (email == null || email.length() > 254) {
            return Optional.empty();
        }
        return users.findLocalByEmail(email.strip());
    }

    public Optional<User> byId(String userId) {
        return users.findById(userId);
    }

    /** The user whose password this is, or empty; the same work is done either way. */
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null || password.length() > MAX_PASSWORD_LENGTH) {
            passwords.matches("x", dummyHash);
            return Optional.empty();
        }
        Optional<User> user = users.findLocalByEmail(email.strip());
        String hash = user.map(User::passwordHash).orElse(dummyHash);
        boolean matches = passwords.matches(password, hash);
        return matches ? user : Optional.empty();
    }

    /**
     * The local user for a token from an external issuer, created on first sight (just-in-time
     * provisioning) so memberships can refer to it.
     */
    public User externalUser(String issuer, String subject, String email, String name) {
        String externalId = issuer + "|" + subject;
        Optional<User> existing = users.findByExternalId(externalId);
        if (existing.isPresent()) {
            User known = existing.get();
            if (email != null && (!known.emailVerified() || !email.equals(known.email()))) {
                // the issuer vouches for this address now (email is only passed when verified)
                users.setExternalEmail(known.id(), email);
                return users.findById(known.id()).orElse(known);
            }
            return known;
        }
        String displayName = name == null || name.isBlank() ? (email == null ? subject : email) : name;
        User user = new User(
                new ObjectId().toHexString(),
                email,
                displayName.strip(),
                null,
                externalId,
                clock.instant(),
                email != null);
        try {
            users.insert(user);
            return user;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return users.findByExternalId(externalId).orElseThrow();
            }
            throw e;
        }
    }

    private static String validEmail(String raw) {
        if (raw == null || raw.length() > 254 || !EMAIL.matcher(raw.strip()).matches()) {
            throw DomainException.invalid("email", "email must be a valid address");
        }
        return raw.strip();
    }
}

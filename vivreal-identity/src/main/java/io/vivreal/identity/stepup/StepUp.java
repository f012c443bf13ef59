package io.vivreal.identity.stepup;

import io.vivreal.core.domain.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Decides whether a caller authenticated recently enough for a sensitive action, and refuses with
 * {@code 401 {"error":"reauth_required"}} otherwise.
 *
 * <p>A bearer token alone proves only that someone held it in the last hour; a stolen portal cookie
 * or a token left in a shell history must not be enough to read the key that controls a group's
 * public surface. "Recent" is the later of the token's {@code auth_time} (set when our identity
 * module signs in, and by an external OpenID Connect issuer when it supports it) and a password
 * confirmation recorded against the token's id. An external issuer's token without {@code
 * auth_time} is never recent: its holder re-signs in at that issuer (ADR 0017).
 */
public final class StepUp {

    /** How long an authentication counts as recent. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final Reauthentications reauthentications;
    private final Clock clock;

    public StepUp(Reauthentications reauthentications, Clock clock) {
        this.reauthentications = reauthentications;
        this.clock = clock;
    }

    /** Throws 401 {@code reauth_required} unless the token's holder authenticated within {@link #WINDOW}. */
    public void require(Jwt token) {
        Instant authenticated = authenticatedAt(token);
        if (authenticated == null
                || authenticated.isBefore(clock.instant().minus(WINDOW))
                || authenticated.isAfter(clock.instant().plus(Duration.ofMinutes(1)))) {
            throw new DomainException(
                    DomainException.Kind.UNAUTHENTICATED,
                    "reauth_required",
                    "confirm your password to continue (POST /auth/reauth); this action needs a sign-in within the"
                            + " last 5 minutes",
                    null);
        }
    }

    /** Records a password confirmation for this token, now. */
    public void recordReauthentication(Jwt token) {
        Instant expires =
                token.getExpiresAt() == null ? clock.instant().plus(Duration.ofHours(1)) : token.getExpiresAt();
        reauthentications.record(token.getId(), clock.instant(), expires);
    }

    /** The later of the token's {@code auth_time} and a recorded confirmation; null when neither exists. */
    Instant authenticatedAt(Jwt token) {
        Instant claimed = authTime(token.getClaims().get("auth_time"));
        Instant confirmed = reauthentications.latest(token.getId()).orElse(null);
        if (claimed == null) {
            return confirmed;
        }
        return confirmed == null || claimed.isAfter(confirmed) ? claimed : confirmed;
    }

    private static Instant authTime(Object claim) {
        if (claim instanceof Instant instant) {
            return instant;
        }
        if (claim instanceof Date date) {
            return date.toInstant();
        }
        if (claim instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}

package io.vivreal.identity.user;

import io.vivreal.core.domain.DomainException;
import io.vivreal.identity.token.IdTokenVerification;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns a verified token into our user id: the subject of our own tokens, or the linked external account. */
public final class CurrentUsers {

    private final IdTokenVerification verification;
    private final UserService users;
    private final UserRepository repository;

    public CurrentUsers(IdTokenVerification verification, UserService users, UserRepository repository) {
        this.verification = verification;
        this.users = users;
        this.repository = repository;
    }

    public String userId(Jwt jwt) {
        if (verification.isLocal(jwt)) {
            return repository
                    .findById(jwt.getSubject())
                    .map(User::id)
                    .orElseThrow(() -> new DomainException(
                            DomainException.Kind.UNAUTHENTICATED,
                            "unauthenticated",
                            "the account no longer exists",
                            null));
        }
        return users.externalUser(
                        jwt.getIssuer().toString(), jwt.getSubject(), verifiedEmail(jwt), jwt.getClaimAsString("name"))
                .id();
    }

    /**
     * The external account's address only when its issuer says it verified it: anyone can put any
     * address into an unverified {@code email} claim, and the address is what invitations look up.
     */
    static String verifiedEmail(Jwt jwt) {
        Object verified = jwt.getClaims().get("email_verified");
        boolean isVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return isVerified ? jwt.getClaimAsString("email") : null;
    }
}

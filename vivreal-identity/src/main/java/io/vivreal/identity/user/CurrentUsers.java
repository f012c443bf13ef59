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
                        jwt.getIssuer().toString(),
                        jwt.getSubject(),
                        jwt.getClaimAsString("email"),
                        jwt.getClaimAsString("name"))
                .id();
    }
}

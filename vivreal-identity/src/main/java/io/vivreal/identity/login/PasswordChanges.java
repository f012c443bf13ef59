package io.vivreal.identity.login;

import io.vivreal.core.domain.DomainException;
import io.vivreal.identity.user.User;
import io.vivreal.identity.user.UserService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A signed-in person changing their password: the current password is confirmed like a step-up
 * (same per-address and per-account limits, same bounded hashing pool), the new one must pass the
 * sign-up rules. Ending the person's other sessions is the caller's part, as it knows which
 * session is the current one.
 */
public final class PasswordChanges {

    private final LoginService logins;
    private final UserService users;
    private final PasswordHashing hashing;

    public PasswordChanges(LoginService logins, UserService users, PasswordHashing hashing) {
        this.logins = logins;
        this.users = users;
        this.hashing = hashing;
    }

    /**
     * Completes with the user once the new password is stored. A wrong current password is 400
     * {@code invalid_credentials} on {@code currentPassword} (not 401: the caller is signed in, and
     * a 401 would read as "sign in again").
     */
    public CompletableFuture<User> change(String userId, String currentPassword, String newPassword, String address) {
        try {
            if (currentPassword == null || currentPassword.isEmpty()) {
                throw DomainException.invalid("currentPassword", "currentPassword is required");
            }
            UserService.checkPassword("newPassword", newPassword);
        } catch (DomainException e) {
            return CompletableFuture.failedFuture(e);
        }
        return logins.reauthenticate(userId, currentPassword, address)
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof DomainException domain
                            && domain.kind() == DomainException.Kind.UNAUTHENTICATED) {
                        throw new DomainException(
                                DomainException.Kind.INVALID,
                                "invalid_credentials",
                                "the current password is wrong",
                                "currentPassword");
                    }
                    throw failure instanceof CompletionException completion
                            ? completion
                            : new CompletionException(cause);
                })
                .thenCompose(user -> hashing.submit(() -> {
                    if (!users.setPassword(user.id(), newPassword)) {
                        throw DomainException.notFound("user");
                    }
                    return user;
                }));
    }
}

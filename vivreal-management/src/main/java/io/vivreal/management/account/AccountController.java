package io.vivreal.management.account;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Membership;
import io.vivreal.core.invitation.InvitationService;
import io.vivreal.identity.user.User;
import io.vivreal.identity.user.UserRepository;
import io.vivreal.identity.verification.EmailVerification;
import io.vivreal.management.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in person's account and the invitations to their address. Invitations are matched
 * to the account's <em>verified</em> address only; for an unverified one the list is empty and
 * accepting is refused until the verification link was followed.
 */
@RestController
class AccountController {

    private final UserRepository users;
    private final EmailVerification verification;
    private final InvitationService invitations;
    private final Clock clock;

    AccountController(
            UserRepository users, EmailVerification verification, InvitationService invitations, Clock clock) {
        this.users = users;
        this.verification = verification;
        this.invitations = invitations;
        this.clock = clock;
    }

    record AccountView(String userId, String email, String name, boolean emailVerified) {}

    record ReceivedView(
            String invitationId,
            String groupID,
            String groupName,
            String email,
            String role,
            String status,
            Instant expiresAt) {}

    record JoinedView(String groupID, String groupName, String tier, String role) {
        static JoinedView of(Membership membership) {
            return new JoinedView(
                    membership.group().id(),
                    membership.group().name(),
                    membership.group().tier().wireName(),
                    membership.role().wireName());
        }
    }

    @GetMapping("/api/account")
    AccountView account(Caller caller) {
        User user = user(caller);
        return new AccountView(user.id(), user.email(), user.name(), user.emailVerified());
    }

    /** Sends the verification mail again; a few per hour per account (429 beyond). */
    @PostMapping("/api/account/verification-mail")
    ResponseEntity<Map<String, Object>> resendVerification(Caller caller) {
        verification.resend(caller.userId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("sent", true));
    }

    @GetMapping("/api/invitations")
    List<ReceivedView> invitations(Caller caller) {
        Instant now = clock.instant();
        return invitations.openFor(verifiedEmail(user(caller))).stream()
                .map(received -> new ReceivedView(
                        received.invitation().id(),
                        received.invitation().groupId(),
                        received.groupName(),
                        received.invitation().email(),
                        received.invitation().role().wireName(),
                        received.invitation().statusAt(now),
                        received.invitation().expiresAt()))
                .toList();
    }

    @PostMapping("/api/invitations/{invitationId}/accept")
    JoinedView accept(Caller caller, @PathVariable String invitationId) {
        User user = user(caller);
        return JoinedView.of(invitations.accept(invitationId, user.id(), verifiedEmail(user)));
    }

    @PostMapping("/api/invitations/{invitationId}/decline")
    ResponseEntity<Void> decline(Caller caller, @PathVariable String invitationId) {
        User user = user(caller);
        invitations.decline(invitationId, user.id(), verifiedEmail(user));
        return ResponseEntity.noContent().build();
    }

    private User user(Caller caller) {
        return users.findById(caller.userId()).orElseThrow(() -> DomainException.notFound("user"));
    }

    private static Optional<String> verifiedEmail(User user) {
        return user.emailVerified() && user.email() != null ? Optional.of(user.email()) : Optional.empty();
    }
}

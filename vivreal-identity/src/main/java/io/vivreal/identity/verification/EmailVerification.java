package io.vivreal.identity.verification;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.mail.EmailAddresses;
import io.vivreal.core.mail.HtmlText;
import io.vivreal.core.mail.MailMessage;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.web.PublicUrl;
import io.vivreal.identity.user.User;
import io.vivreal.identity.user.UserRepository;
import io.vivreal.identity.verification.EmailVerificationTokens.Outcome;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the verification mail (at sign-up, and again on request, a few times per hour per
 * account) and marks the address verified when its link comes back.
 */
public final class EmailVerification {

    private static final Logger log = LoggerFactory.getLogger(EmailVerification.class);
    static final int RESENDS_PER_WINDOW = 3;
    static final Duration RESEND_WINDOW = Duration.ofHours(1);

    private final UserRepository users;
    private final EmailVerificationTokens tokens;
    private final MailSender mail;
    private final RateLimiter limiter;
    private final PublicUrl publicUrl;

    public EmailVerification(
            UserRepository users,
            EmailVerificationTokens tokens,
            MailSender mail,
            RateLimiter limiter,
            PublicUrl publicUrl) {
        this.users = users;
        this.tokens = tokens;
        this.mail = mail;
        this.limiter = limiter;
        this.publicUrl = publicUrl;
    }

    /** Sends the link for the user's current address; {@code false} when it could not be queued. */
    public boolean send(User user) {
        if (user.email() == null || !EmailAddresses.valid(user.email())) {
            log.warn("user {}: the address cannot receive mail; no verification mail sent", user.id());
            return false;
        }
        String link = publicUrl.value() + "/auth/verify-email?token=" + tokens.issue(user.id(), user.email());
        String name = user.name() == null ? "" : user.name();
        String text = "Hello " + name + ",\n\n"
                + "please confirm that this is your address for Vivreal by opening this link within 24 hours:\n\n"
                + link + "\n\n"
                + "Invitations to teams reach you only once the address is confirmed.\n"
                + "If you did not sign up, ignore this mail.\n";
        String html = "<p>Hello " + HtmlText.escape(name) + ",</p>"
                + "<p>please confirm that this is your address for Vivreal within 24 hours:</p>"
                + "<p><a href=\"" + HtmlText.escape(link) + "\">Confirm my address</a></p>"
                + "<p>Invitations to teams reach you only once the address is confirmed.<br>"
                + "If you did not sign up, ignore this mail.</p>";
        return mail.send(new MailMessage(user.email(), "Confirm your e-mail address", text, html));
    }

    /** Another verification mail for a signed-in user; limited per account. */
    public void resend(String userId) {
        User user = users.findById(userId).orElseThrow(() -> DomainException.notFound("user"));
        if (user.emailVerified()) {
            throw DomainException.conflict("already_verified", "this address is already verified");
        }
        if (user.passwordHash() == null) {
            throw DomainException.conflict(
                    "externally_managed", "this account's address is verified by its identity provider");
        }
        RateLimiter.Decision decision =
                limiter.attempt("verify-mail:account:" + userId, RESENDS_PER_WINDOW, RESEND_WINDOW);
        if (!decision.allowed()) {
            throw new RateLimitedException(
                    "verification mails were sent recently; try again later", decision.retryAfter());
        }
        if (!send(user)) {
            throw new RateLimitedException("mail cannot be sent right now; try again soon", Duration.ofMinutes(1));
        }
    }

    /** Checks a link's token and, when it holds, marks that user's address verified. */
    public Outcome verify(String token) {
        Optional<EmailVerificationTokens.Claim> claim = tokens.parse(token);
        if (claim.isEmpty()) {
            return Outcome.INVALID;
        }
        Optional<User> user = users.findById(claim.get().userId());
        if (user.isEmpty() || user.get().email() == null) {
            return Outcome.INVALID;
        }
        Outcome outcome = tokens.check(claim.get(), user.get().email());
        if (outcome != Outcome.VERIFIED) {
            return outcome;
        }
        // the update names the address the MAC was checked for: a change in between verifies nothing
        return users.markEmailVerified(user.get().id(), user.get().email()) ? Outcome.VERIFIED : Outcome.INVALID;
    }
}

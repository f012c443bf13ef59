package io.vivreal.core.invitation;

import io.vivreal.core.mail.HtmlText;
import io.vivreal.core.mail.MailMessage;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.web.PublicUrl;

/**
 * The invitation mail. It carries no secret: the link opens the portal, where only someone signed
 * in with the invited address, verified, can accept.
 */
final class InvitationMails {

    private final MailSender mail;
    private final PublicUrl publicUrl;

    InvitationMails(MailSender mail, PublicUrl publicUrl) {
        this.mail = mail;
        this.publicUrl = publicUrl;
    }

    boolean send(Invitation invitation, String groupName, String inviterName) {
        String link = publicUrl.value() + "/app/groups?invitation=" + invitation.id();
        String role = invitation.role().wireName();
        String inviter = inviterName == null || inviterName.isBlank() ? "A team member" : inviterName;
        String text = inviter + " invited you to join " + groupName + " on Vivreal as " + role + ".\n\n"
                + "Open this link, sign in (or sign up with this address and confirm it), and accept:\n\n"
                + link + "\n\n"
                + "The invitation expires in 7 days. If you do not know " + inviter + ", ignore this mail.\n";
        String html = "<p>" + HtmlText.escape(inviter) + " invited you to join <strong>" + HtmlText.escape(groupName)
                + "</strong> on Vivreal as " + HtmlText.escape(role) + ".</p>"
                + "<p><a href=\"" + HtmlText.escape(link) + "\">Open the invitation</a> — sign in (or sign up with"
                + " this address and confirm it), and accept.</p>"
                + "<p>The invitation expires in 7 days. If you do not know " + HtmlText.escape(inviter)
                + ", ignore this mail.</p>";
        return mail.send(new MailMessage(
                invitation.email(), inviter + " invited you to " + groupName + " on Vivreal", text, html));
    }
}

package io.vivreal.core.mail;

/**
 * A message that {@link MailSender#sendNow} could not deliver. The message is the exception class
 * of the cause only: an SMTP server's answer may quote the message, whose links act as credentials.
 */
public final class MailFailure extends Exception {

    private final boolean notSent;

    public MailFailure(boolean notSent, String cause) {
        super(cause, null, false, false);
        this.notSent = notSent;
    }

    /** Whether the server is known not to have the message (it could not be reached). */
    public boolean notSent() {
        return notSent;
    }
}

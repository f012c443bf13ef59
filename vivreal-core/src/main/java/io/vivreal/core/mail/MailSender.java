package io.vivreal.core.mail;

/**
 * Sends mail for every feature (verification links, invitations, later password resets and
 * newsletters), so there is one place that holds the SMTP credentials, bounds the work and keeps
 * the headers safe.
 *
 * <p>{@link #send} only queues: the caller's thread (usually a web request) never waits for an
 * SMTP server. The queue is small and bounded, so a slow or unreachable server costs a bounded
 * amount of memory and no web threads; a message that does not fit is refused and the caller
 * decides what that means (a user can ask for a verification mail again).
 */
public interface MailSender {

    /** Queues the message; {@code false} when the queue is full and it was not accepted. */
    boolean send(MailMessage message);

    /**
     * Delivers the message now, on the caller's thread, through the same delivery as {@link #send}
     * — for bulk senders (newsletters) that run on bounded workers of their own, pace themselves
     * and must know each message's outcome. Never call it from a web request thread.
     *
     * @throws MailFailure when it was not delivered; {@link MailFailure#notSent()} tells whether
     *     the server can be known not to have it (it could not even be reached)
     */
    void sendNow(MailMessage message) throws MailFailure;
}

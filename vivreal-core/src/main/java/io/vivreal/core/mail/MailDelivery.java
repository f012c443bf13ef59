package io.vivreal.core.mail;

/** Hands one message over to where it goes next (an SMTP server, the file outbox). Runs on the mail thread. */
interface MailDelivery {

    void deliver(MailMessage message) throws Exception;

    /** Where mail goes, without credentials, for the start-up log. */
    String describe();
}

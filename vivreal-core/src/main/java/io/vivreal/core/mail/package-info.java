/**
 * The product's one way to send mail. Callers build a {@link io.vivreal.core.mail.MailMessage}
 * (text and HTML, headers checked against injection) and hand it to the {@link
 * io.vivreal.core.mail.MailSender}, which delivers it off the request thread on a small bounded
 * queue: over SMTP when {@code VIVREAL_SMTP_URL} is set ({@code smtps://}, or {@code smtp://} with
 * STARTTLS required), otherwise into a file outbox under the data directory so every flow works on
 * a development machine. Production without SMTP refuses to start.
 */
package io.vivreal.core.mail;

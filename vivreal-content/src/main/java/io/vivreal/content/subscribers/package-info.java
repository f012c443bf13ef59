/**
 * Newsletter subscribers: the addresses a site's {@code subscribeUser} form collects into a content
 * type that accepts submissions. An address is stored once per type, {@code pending} until the
 * person follows the signed link of a double opt-in mail, then {@code confirmed} (the only state a
 * newsletter mails), or {@code unsubscribed}. Links are stateless HMAC tokens bound to the group,
 * the subscriber and the address; a repeated sign-up never sends more than one confirmation mail
 * per address per {@link io.vivreal.content.subscribers.Subscriptions#MAIL_EVERY}.
 */
package io.vivreal.content.subscribers;

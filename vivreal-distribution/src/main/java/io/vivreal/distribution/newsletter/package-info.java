/**
 * The newsletter channel: a published item mailed to the confirmed subscribers of one content
 * type, through the product's one mail sender, paced at {@code VIVREAL_NEWSLETTER_RATE} messages
 * per second shared fairly between groups ({@link io.vivreal.distribution.newsletter.FairPacer}),
 * at most once per recipient and item (a send record marked before each SMTP send), within the
 * tier's newsletter recipients per month.
 */
package io.vivreal.distribution.newsletter;

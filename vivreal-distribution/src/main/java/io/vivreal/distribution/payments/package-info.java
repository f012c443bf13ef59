/**
 * Payments through the group's own Stripe account: the encrypted connection ({@link
 * io.vivreal.distribution.payments.StripeAccounts}), the product sync into the tenant's integration
 * objects ({@link io.vivreal.distribution.payments.ProductSync}), Checkout sessions priced only from
 * those synced objects ({@link io.vivreal.distribution.payments.CheckoutSessions}), promotion codes,
 * signed webhooks and the orders they record ({@link io.vivreal.distribution.payments.StripeWebhooks},
 * {@link io.vivreal.distribution.payments.Orders}).
 *
 * <p>Every call to Stripe is made by Stripe's Java library with a client built for one group's key
 * ({@link io.vivreal.distribution.payments.StripeApi}) — never the library's global key — and its
 * HTTP goes through the product's one outbound client ({@link
 * io.vivreal.distribution.payments.StripeOutboundClient}), so the address guard, the time limits and
 * the answer cap hold for payments like for every channel.
 */
package io.vivreal.distribution.payments;

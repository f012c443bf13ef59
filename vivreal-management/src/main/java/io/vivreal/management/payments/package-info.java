/**
 * The Stripe connection's Management API routes (owner only, step-up to connect) and Stripe's
 * public webhook endpoint, whose only credential is the event's signature.
 */
package io.vivreal.management.payments;

/**
 * Proof that a person receives mail at their account's address: a signed, expiring,
 * single-purpose link sent through the product's mail sender. Invitations match only verified
 * addresses, so registering someone else's address first gains nothing.
 */
package io.vivreal.identity.verification;

/** Sending a message through a channel: one request per type, Standard Webhooks signatures. */
package io.vivreal.distribution.delivery;

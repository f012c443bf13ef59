/**
 * Delivery: the queue between the outbox and the channel adapters. Events fan out into one
 * delivery per subscribed channel (stored in the tenant's database, with every attempt); lanes in
 * the control plane say which channel is due and who holds it; a bounded, group-fair pool of
 * workers sends each channel's deliveries in event order with Svix's retry schedule, and records
 * health, exhaustion and disabling. Depends on channels (configuration), adapters and outbound;
 * nothing depends back on it except the Management API.
 */
package io.vivreal.distribution.delivery;

/**
 * The store: MongoDB through the official driver, or the embedded MongoDB-wire server with a
 * durable H2 MVStore file when no external MongoDB is configured. Owns connections, the
 * control-plane database and index creation; tenant databases are reached only through {@link
 * io.vivreal.core.tenancy}.
 */
package io.vivreal.core.store;

/** Go-live: the publish schedule, the worker that takes due items live, and the durable event outbox. */
package io.vivreal.content.publish;

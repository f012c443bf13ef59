/**
 * Posts: the composer (per-channel text from a template, images from the item's media fields,
 * counted and checked the platform's way), the integration objects sites list, and the bridge
 * that keeps them in step with the delivery queue, which sends every post channel as one
 * delivery. Depends on the delivery package, never the other way round ({@code PostSends}).
 */
package io.vivreal.distribution.posts;

/**
 * Distribution: a group's channels ({@code channels}), one adapter per channel type ({@code
 * adapters}), the delivery queue with its retries, log and fair workers ({@code delivery}), and
 * the guarded outbound client ({@code outbound}). Arrows point one way: delivery → adapters →
 * channels, outbound.
 */
package io.vivreal.distribution;

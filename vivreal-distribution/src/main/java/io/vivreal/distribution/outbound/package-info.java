/**
 * Outbound requests to addresses groups gave us: the SSRF guard and the one HTTP client every
 * adapter sends through (guard before every request, no redirects, 5 s connect, 15 s total,
 * 64 KB read, redacted answer excerpts).
 */
package io.vivreal.distribution.outbound;

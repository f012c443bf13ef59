/**
 * The portal: the team's web app under {@code /app} — static pages and scripts, the seed's
 * dual-token cookie authentication ({@code token} + signed {@code active_ctx}), signed
 * double-submit CSRF, and the proxy routes through which the pages call the Management API for
 * the active group.
 */
package io.vivreal.portal;

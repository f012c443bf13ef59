/**
 * Sites: the website documents a group's templates render — branding, business details, pages,
 * navigation and a schema-checked {@code siteDetails} — validated strictly and stored per tenant.
 */
package io.vivreal.content.sites;

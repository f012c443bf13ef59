/**
 * A group's contact addresses: the only recipients a site's contact form may mail. Set by owners
 * and admins, checked and bounded here, stored per tenant; the Client API reads them to decide
 * whether a {@code sendContactEmail} may go out at all.
 */
package io.vivreal.content.contact;

/**
 * Mail that sites ask the Client API to send: {@code sendContactEmail} to the group's configured
 * contact addresses only, with the site's HTML sanitised ({@link
 * io.vivreal.clientapi.mail.SiteMailHtml}) and images limited to the group's own signed media
 * ({@link io.vivreal.clientapi.mail.OwnMediaUrls}).
 */
package io.vivreal.clientapi.mail;

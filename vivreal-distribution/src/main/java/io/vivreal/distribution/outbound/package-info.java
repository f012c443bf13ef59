/** What the server may connect to on a group's behalf (SSRF guard). */
package io.vivreal.distribution.outbound;

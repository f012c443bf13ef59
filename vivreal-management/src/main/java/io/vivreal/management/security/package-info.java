/** Who is calling the Management API: bearer-token verification and the {@code Caller} it yields. */
package io.vivreal.management.security;

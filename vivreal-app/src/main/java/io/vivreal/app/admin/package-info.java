/** Operator commands of {@code ./vivreal admin}. */
package io.vivreal.app.admin;

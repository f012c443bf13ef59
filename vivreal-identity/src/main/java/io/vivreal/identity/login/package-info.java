/** Password sign-in and sign-up: limits per address and per account, and the bounded hashing pool. */
package io.vivreal.identity.login;

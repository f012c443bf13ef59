/**
 * Secrets: the JWT signing key, the context secret, the API-key pepper and the credential
 * encryption keys. They come from providers (environment, files; a secret manager in production),
 * are never logged, and a production start refuses missing or development-generated values.
 */
package io.vivreal.core.secrets;

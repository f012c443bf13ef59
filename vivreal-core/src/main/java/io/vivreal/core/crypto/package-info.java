/**
 * Encryption of stored credentials (AES-256-GCM, bound to their place by associated data). Each
 * primitive is used in one small class; nothing here logs or returns plaintext except to the
 * caller that asked to decrypt.
 */
package io.vivreal.core.crypto;

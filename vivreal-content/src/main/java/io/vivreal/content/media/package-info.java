/**
 * Media: uploads whose type is decided from their bytes, stored per group bucket, recorded in the
 * control plane, counted against the tier's quota, and delivered only through signed, expiring
 * URLs. A group reaches only its own files: every lookup names the group, and the public download
 * trusts nothing but a valid signature.
 */
package io.vivreal.content.media;

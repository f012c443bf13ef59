package io.vivreal.core.apikey;

/**
 * Published in-process when a key stops being valid, so caches on this instance forget it at
 * once. Other instances forget it when their cache entries expire (at most one second).
 */
public record ApiKeyRevokedEvent(String oldKeyHash) {}

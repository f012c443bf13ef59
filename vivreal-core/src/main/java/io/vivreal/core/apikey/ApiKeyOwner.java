package io.vivreal.core.apikey;

import io.vivreal.core.group.Tier;

/** The group a valid key belongs to, as the authorizer needs it. */
public record ApiKeyOwner(
        String groupID, String groupName, String dbKey, String bucketName, Tier tier, boolean frozen) {}

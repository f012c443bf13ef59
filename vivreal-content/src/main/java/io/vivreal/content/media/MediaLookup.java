package io.vivreal.content.media;

import io.vivreal.core.tenancy.TenantScope;
import java.util.Optional;

/** Finds a group's uploaded file by key; a key of another group is not found. */
public interface MediaLookup {

    Optional<MediaRecord> find(TenantScope scope, String key);
}

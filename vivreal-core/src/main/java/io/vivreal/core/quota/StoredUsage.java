package io.vivreal.core.quota;

import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.tenancy.TenantScope;

/**
 * What a quota measures, counted from what is actually stored. Counters are the fast path; this
 * is the truth they are repaired from when they drift (a process killed between taking quota and
 * writing, a release that ran twice).
 */
public interface StoredUsage {

    Quota quota();

    long count(TenantScope scope);
}

/**
 * Tenant isolation, enforced by types: a {@link io.vivreal.core.tenancy.TenantScope} comes only
 * from verified context, and a {@link io.vivreal.core.tenancy.TenantCollection} adds the scope's
 * {@code groupID} to every filter and every document.
 */
package io.vivreal.core.tenancy;

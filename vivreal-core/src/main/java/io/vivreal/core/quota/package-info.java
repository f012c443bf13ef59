/** Tier quotas counted per group in the control plane, enforced atomically at write time. */
package io.vivreal.core.quota;

/** Rate limits counted in the store, so they hold across instances. */
package io.vivreal.core.ratelimit;

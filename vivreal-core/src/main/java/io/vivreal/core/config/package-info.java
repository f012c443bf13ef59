/** Operator-facing settings, bound once from the environment. */
package io.vivreal.core.config;

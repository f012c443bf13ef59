/** Outcomes shared by every surface: the domain's refusals, independent of HTTP. */
package io.vivreal.core.domain;

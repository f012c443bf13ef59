/** The per-group audit log: who did what to which entity, and when. */
package io.vivreal.core.audit;

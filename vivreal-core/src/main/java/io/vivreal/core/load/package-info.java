/**
 * Admission for expensive work shared by every tenant: how many heavy reads may run at once, in
 * total and per group, so that one group's burst of large listings can neither exhaust the heap
 * nor take every slot from the other groups.
 */
package io.vivreal.core.load;

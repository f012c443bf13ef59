/**
 * Metering: what each group's sites use of the Client API (calls and bytes per day), counted in
 * memory on the request path and added to the store in the background.
 */
package io.vivreal.core.metering;

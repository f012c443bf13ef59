/** Client API site routes: a tenant's site document with signed media URLs. */
package io.vivreal.clientapi.sites;

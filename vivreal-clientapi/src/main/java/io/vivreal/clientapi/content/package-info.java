/** Client API content routes: reading a tenant's published items with a closed, validated query grammar. */
package io.vivreal.clientapi.content;

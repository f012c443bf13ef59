/** Management API routes of the content engine: content types, items, versions, usage, events. */
package io.vivreal.management.content;

/** The content engine: content types, items, versions, go-live, media and sites. */
package io.vivreal.content;

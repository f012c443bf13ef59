/** Content types: schemas of typed fields, unique names per group, safe schema changes. */
package io.vivreal.content.types;

/** The field system: types, schema parsing, and strict validation of values against a schema. */
package io.vivreal.content.schema;

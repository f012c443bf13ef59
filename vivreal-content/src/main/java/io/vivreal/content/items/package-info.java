/** Content items: strict validation, versions with revert, quota, and the publish schedule. */
package io.vivreal.content.items;

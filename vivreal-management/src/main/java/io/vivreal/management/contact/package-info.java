/** The group's contact addresses, where its sites' contact forms may send mail. */
package io.vivreal.management.contact;

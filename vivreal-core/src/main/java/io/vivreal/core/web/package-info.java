/**
 * Web pieces every HTTP surface shares: the error shape and the one place failures become status
 * codes, and the request-body size limit.
 */
package io.vivreal.core.web;

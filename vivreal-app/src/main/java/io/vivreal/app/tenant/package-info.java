/**
 * Client API routes whose work lives in the distribution module (payments), assembled here because
 * the Client API module stays free of the outbound client (the Lambda authorizer is built from it).
 * They answer in the Client API's envelope ({@code ClientApiErrorHandler} covers this package).
 */
package io.vivreal.app.tenant;

/**
 * The server's host of the Client API authorizer ({@code io.vivreal.authorizer}): the filter that
 * runs it in front of {@code /tenant/**}, answers rejections as {@code AuthorizerAnswer} says and
 * makes the verified {@code Tenant} the request's tenant, and the resolver that hands that tenant
 * to handlers.
 */
package io.vivreal.clientapi.authorizer;

package io.vivreal.authorizer;

/**
 * The group a valid key belongs to: the one tenant type of a Client API request. The authorizer
 * builds it once from the group's stored record and the server hands this same value to handlers
 * (no string maps in between); only the Lambda flattens it, into the context API Gateway forwards
 * ({@link ApiGatewayContext}).
 *
 * @param groupID the group's id, 24 hex characters
 * @param database the database holding the group's content (the group's stored {@code dbKey})
 * @param bucketName the group's media bucket (the group's stored {@code key})
 * @param tier the group's plan, as stored ({@code free}, {@code pro}, ...)
 * @param frozen a suspended group: its key is valid, but every Client API call answers 402
 */
public record Tenant(
        String groupID, String groupName, String database, String bucketName, String tier, boolean frozen) {}

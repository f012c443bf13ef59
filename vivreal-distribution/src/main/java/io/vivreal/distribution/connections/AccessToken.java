package io.vivreal.distribution.connections;

/**
 * A connection's current access token for one send, with the account it acts as and the
 * revision it was read at (so a refusal marks exactly this token, not a newer one). Lives only
 * for the send; never logged.
 */
public record AccessToken(String value, String accountId, long revision) {

    @Override
    public String toString() {
        return "AccessToken[account " + accountId + ", revision " + revision + ", value hidden]";
    }
}

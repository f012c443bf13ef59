package io.vivreal.distribution.adapters;

/** A post text counted the way its platform counts, against the platform's limit. */
public record TextCount(int count, int limit) {

    /** No limit worth counting (webhooks). */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public boolean ok() {
        return count <= limit;
    }
}

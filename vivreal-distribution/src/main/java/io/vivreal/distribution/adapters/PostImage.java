package io.vivreal.distribution.adapters;

import java.io.IOException;

/**
 * One image of a post: a file of the group's media with its alt text. The bytes are read only
 * when the adapter uploads them, so a queued post holds a key, not a file.
 */
public record PostImage(String mediaKey, String mimeType, long size, String alt, Bytes bytes) {

    /** Reads the stored file. */
    @FunctionalInterface
    public interface Bytes {
        byte[] read() throws IOException;
    }

    @Override
    public String toString() {
        return "PostImage[" + mediaKey + ", " + mimeType + ", " + size + " bytes]";
    }
}

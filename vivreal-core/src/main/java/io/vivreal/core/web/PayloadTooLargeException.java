package io.vivreal.core.web;

import java.io.IOException;

/** A request body passed the size limit while it was being read. */
public final class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes");
    }
}

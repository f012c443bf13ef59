package io.vivreal.clientapi.web;

/** A Client API request that cannot be answered as asked; answered 400 with the reason. */
public final class ClientApiException extends RuntimeException {

    public ClientApiException(String message) {
        super(message, null, false, false);
    }
}

package io.vivreal.distribution.outbound;

/**
 * The one way the server sends a request to an address a group gave it. Every call checks the
 * URL with the {@link OutboundGuard} again (fresh resolution), never follows redirects, connects
 * within 5 s, gets the whole exchange done within 15 s and reads at most 64 KB of the answer — so
 * a receiver that hangs, drips or floods costs one worker for a bounded time and bounded memory.
 * Faults of the remote are outcomes ({@link OutboundResponse#error()}), never exceptions.
 */
public interface OutboundHttp {

    OutboundResponse send(OutboundRequest request);

    /**
     * Like {@link #send(OutboundRequest)}, reading up to {@code maxAnswer} bytes of the answer
     * instead of 64 KB — for a file the server copies in (a product image), whose caller then checks
     * size and content like an upload. An answer longer than that is cut at {@code maxAnswer}.
     */
    default OutboundResponse send(OutboundRequest request, int maxAnswer) {
        return send(request);
    }
}

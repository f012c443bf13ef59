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
}

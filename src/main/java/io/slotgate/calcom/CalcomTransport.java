package io.slotgate.calcom;

import java.io.IOException;

/**
 * The last link of the client chain: puts a request on the wire (or, in the simulator, into the in-process emulator).
 * Throws when no HTTP answer was received at all (connection refused, timeout).
 */
@FunctionalInterface
public interface CalcomTransport {
    UpstreamResponse send(UpstreamRequest request) throws IOException;
}

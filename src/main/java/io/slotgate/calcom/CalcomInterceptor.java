package io.slotgate.calcom;

import java.io.IOException;

/**
 * One concern of the Cal.com client (authentication, rate budget, retry, circuit breaking...), in the manner of
 * OkHttp's interceptors: each sees the request, may change it, and decides whether and how to call the rest.
 */
@FunctionalInterface
public interface CalcomInterceptor {
    UpstreamResponse intercept(UpstreamRequest request, Chain chain) throws IOException;

    /** The rest of the chain, down to the transport. */
    @FunctionalInterface
    interface Chain {
        UpstreamResponse proceed(UpstreamRequest request) throws IOException;
    }
}

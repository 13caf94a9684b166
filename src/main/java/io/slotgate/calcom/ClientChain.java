package io.slotgate.calcom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's chain: slotgate's API key added to the calls it makes for itself, then each interceptor in order,
 * then the transport.
 */
final class ClientChain {
    private ClientChain() {
    }

    static CalcomInterceptor.Chain of(Optional<String> apiKey, List<CalcomInterceptor> interceptors,
                                      CalcomTransport transport) {
        List<CalcomInterceptor> all = new ArrayList<>();
        apiKey.ifPresent(key -> all.add(bearer(key)));
        all.addAll(interceptors);
        return link(all, 0, transport);
    }

    /** A client's request keeps its own credentials, or none: slotgate never lends its key to one. */
    private static CalcomInterceptor bearer(String key) {
        return (request, next) -> next.proceed(request.onBehalfOfClient() || request.headers().containsKey("authorization")
                ? request
                : request.withHeader("authorization", "Bearer " + key));
    }

    private static CalcomInterceptor.Chain link(List<CalcomInterceptor> interceptors, int index, CalcomTransport transport) {
        if (index == interceptors.size()) {
            return transport::send;
        }
        CalcomInterceptor.Chain rest = link(interceptors, index + 1, transport);
        CalcomInterceptor current = interceptors.get(index);
        return request -> current.intercept(request, rest);
    }
}

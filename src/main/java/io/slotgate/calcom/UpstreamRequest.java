package io.slotgate.calcom;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to Cal.com: method, path with query (relative to the base URL), headers (lower-case names), body ("" when
 * none), the priority the rate budget gives it, and whether it is made on a client's behalf (then it travels with the
 * client's own credentials or none: slotgate's API key is only for the calls slotgate makes for itself), and how long
 * a USER call may wait for the rate budget (empty: the budget's default).
 */
public record UpstreamRequest(String method, String pathAndQuery, Map<String, String> headers, String body,
                              Priority priority, boolean onBehalfOfClient, Optional<Duration> patience) {
    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(patience, "patience");
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public UpstreamRequest(String method, String pathAndQuery, Map<String, String> headers, String body,
                           Priority priority, boolean onBehalfOfClient) {
        this(method, pathAndQuery, headers, body, priority, onBehalfOfClient, Optional.empty());
    }

    public UpstreamRequest(String method, String pathAndQuery, Map<String, String> headers, String body) {
        this(method, pathAndQuery, headers, body, Priority.USER, false);
    }

    public UpstreamRequest(String method, String pathAndQuery, Map<String, String> headers, String body,
                           Priority priority) {
        this(method, pathAndQuery, headers, body, priority, false);
    }

    /** A client's request forwarded as it came: slotgate adds no credentials of its own. */
    public static UpstreamRequest forClient(String method, String pathAndQuery, Map<String, String> headers, String body) {
        return new UpstreamRequest(method, pathAndQuery, headers, body, Priority.USER, true);
    }

    public UpstreamRequest withHeader(String name, String value) {
        var copy = new java.util.HashMap<>(headers);
        copy.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return new UpstreamRequest(method, pathAndQuery, copy, body, priority, onBehalfOfClient, patience);
    }

    public UpstreamRequest withPriority(Priority newPriority) {
        return new UpstreamRequest(method, pathAndQuery, headers, body, newPriority, onBehalfOfClient, patience);
    }

    /** The same request, waiting at most {@code wait} for the rate budget. */
    public UpstreamRequest withPatience(Duration wait) {
        return new UpstreamRequest(method, pathAndQuery, headers, body, priority, onBehalfOfClient, Optional.of(wait));
    }

    /** The path without its query: what metrics and logs may show (the query can hold nothing secret, but is long). */
    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}

package io.slotgate.calcom;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Cal.com fake for the interceptor tests: answers from a script (then a default answer), records what it was
 * sent. An {@link IOException} in the script is thrown, as a transport does when no answer came.
 */
final class ScriptedTransport implements CalcomTransport {
    private final Deque<Object> script = new ArrayDeque<>();
    private final List<UpstreamRequest> sent = new CopyOnWriteArrayList<>();
    private UpstreamResponse otherwise = ok();

    static UpstreamResponse ok() {
        return status(200);
    }

    static UpstreamResponse status(int status) {
        return new UpstreamResponse(status, Map.of(), "{\"status\":\"success\",\"data\":{}}");
    }

    static UpstreamResponse withHeaders(int status, Map<String, String> headers) {
        var multi = new java.util.HashMap<String, List<String>>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new UpstreamResponse(status, multi, "{}");
    }

    synchronized ScriptedTransport then(Object answer) {
        script.add(answer);
        return this;
    }

    synchronized ScriptedTransport always(UpstreamResponse answer) {
        otherwise = answer;
        return this;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws IOException {
        sent.add(request);
        Object next;
        synchronized (this) {
            next = script.isEmpty() ? otherwise : script.poll();
        }
        if (next instanceof IOException e) {
            throw e;
        }
        return (UpstreamResponse) next;
    }

    List<UpstreamRequest> sent() {
        return sent;
    }

    int calls() {
        return sent.size();
    }
}

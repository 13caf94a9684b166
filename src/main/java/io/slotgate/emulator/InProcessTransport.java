package io.slotgate.emulator;

import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * slotgate's Cal.com client talking to the emulator without a socket: for the simulator and the benchmarks. The
 * emulator's sampled latency is handed to {@code latencySink} rather than slept, so virtual time can account for it.
 */
public final class InProcessTransport implements CalcomTransport {
    private final CalcomEmulator emulator;
    private final Consumer<java.time.Duration> latencySink;
    private final String clientIp;

    public InProcessTransport(CalcomEmulator emulator, String clientIp, Consumer<java.time.Duration> latencySink) {
        this.emulator = emulator;
        this.clientIp = clientIp;
        this.latencySink = latencySink;
    }

    public InProcessTransport(CalcomEmulator emulator) {
        this(emulator, "127.0.0.1", latency -> { });
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        URI uri = URI.create(request.pathAndQuery());
        EmulatorRequest emulated = new EmulatorRequest(request.method(), uri.getRawPath(), query(uri.getRawQuery()),
                request.headers(), request.body(), clientIp, uri.getRawQuery() == null ? "" : uri.getRawQuery());
        EmulatorResponse response = emulator.handle(emulated);
        latencySink.accept(response.latency());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        return new UpstreamResponse(response.status(), headers, response.body());
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}

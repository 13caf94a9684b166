package io.slotgate.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the emulator sees it, independent of any server.
 *
 * @param headers  header names in lower case (the constructor lower-cases them)
 * @param body     "" when there is none
 * @param rawQuery the query string as sent (percent-encoding kept), which Cal.com echoes in error bodies; null when
 *                 unknown, and then rebuilt from {@code query}
 */
public record EmulatorRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                              String body, String clientIp, String rawQuery) {
    public static final String SLOTS_VERSION = "2024-09-04";
    public static final String BOOKINGS_VERSION = "2024-08-13";
    public static final String EVENT_TYPES_VERSION = "2024-06-14";

    public EmulatorRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (query != null) {
            query.forEach((k, v) -> q.put(k, List.copyOf(v)));
        }
        query = java.util.Collections.unmodifiableMap(q);
        Map<String, String> h = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        }
        headers = java.util.Collections.unmodifiableMap(h);
        body = body == null ? "" : body;
        clientIp = clientIp == null || clientIp.isBlank() ? "127.0.0.1" : clientIp;
    }

    public EmulatorRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                           String body, String clientIp) {
        this(method, path, query, headers, body, clientIp, null);
    }

    public static EmulatorRequest get(String path, Map<String, List<String>> query, Map<String, String> headers) {
        return new EmulatorRequest("GET", path, query, headers, "", null);
    }

    public static EmulatorRequest post(String path, Map<String, String> headers, String body) {
        return new EmulatorRequest("POST", path, Map.of(), headers, body, null);
    }

    public static EmulatorRequest delete(String path, Map<String, String> headers) {
        return new EmulatorRequest("DELETE", path, Map.of(), headers, "", null);
    }

    /** Single-valued query parameters, in the given order: {@code query("start", "2050-09-05", "end", "…")}. */
    public static Map<String, List<String>> query(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("need key/value pairs");
        }
        Map<String, List<String>> q = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            q.computeIfAbsent(keyValues[i], k -> new java.util.ArrayList<>()).add(keyValues[i + 1]);
        }
        return q;
    }

    public EmulatorRequest withClientIp(String ip) {
        return new EmulatorRequest(method, path, query, headers, body, ip, rawQuery);
    }

    public EmulatorRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name.toLowerCase(Locale.ROOT), value);
        return new EmulatorRequest(method, path, query, h, body, clientIp, rawQuery);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The value of cookie {@code name} in the {@code Cookie} header, or null. */
    public String cookie(String name) {
        String cookies = header("cookie");
        if (cookies == null) {
            return null;
        }
        for (String part : cookies.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                // cookie-parser decodes with decodeURIComponent, which leaves "+" alone
                return java.net.URLDecoder.decode(part.substring(eq + 1).trim().replace("+", "%2B"),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The bearer token of the Authorization header, or null when there is none. */
    public String bearerToken() {
        String auth = header("authorization");
        if (auth == null) {
            return null;
        }
        String trimmed = auth.trim();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = trimmed.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}

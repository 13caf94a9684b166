package io.slotgate.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A request's path as Cal.com routes it, and its query as Cal.com's error bodies repeat it. */
final class RequestPaths {
    private RequestPaths() {
    }

    /** Cal.com rewrites /api/v2/... to /v2/... (NOTES §1); a trailing slash is ignored, as by Nest. */
    static String normalizePath(String path) {
        String p = path.isEmpty() ? "/" : path;
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        if (p.startsWith("/api/v2/") || p.equals("/api/v2")) {
            p = p.substring(4);
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** "?" and the query as sent, when known; else rebuilt. Empty without a query. */
    static String queryPart(EmulatorRequest request) {
        if (request.rawQuery() != null) {
            return request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
        }
        return queryString(request.query());
    }

    /** The query part of Cal.com's error {@code path} (request.url), rebuilt; "/", ":" and "," stay readable. */
    static String queryString(Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        for (var entry : query.entrySet()) {
            for (String value : entry.getValue()) {
                if (sb.length() > 1) {
                    sb.append('&');
                }
                sb.append(encode(entry.getKey())).append('=').append(encode(value));
            }
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("%2F", "/").replace("%3A", ":").replace("%2C", ",");
    }
}

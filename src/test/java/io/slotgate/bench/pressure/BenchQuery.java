package io.slotgate.bench.pressure;

import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.slots.CalcomTimeParams;
import io.slotgate.slots.TimeRange;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code GET /v2/slots} question as a client sends it: the parameters are kept as the wire strings, so the judge
 * reads {@code start} and {@code end} exactly as Cal.com does.
 *
 * @param timeZone null: no {@code timeZone} parameter
 * @param duration null: the event type's default length
 * @param format   null: no {@code format} parameter (Cal.com's {@code time})
 */
record BenchQuery(long eventTypeId, String start, String end, String timeZone, Integer duration, String format) {
    BenchQuery {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** The parameters in the order they are sent, decoded. */
    Map<String, List<String>> params() {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("eventTypeId", List.of(Long.toString(eventTypeId)));
        q.put("start", List.of(start));
        q.put("end", List.of(end));
        if (timeZone != null) {
            q.put("timeZone", List.of(timeZone));
        }
        if (duration != null) {
            q.put("duration", List.of(duration.toString()));
        }
        if (format != null) {
            q.put("format", List.of(format));
        }
        return q;
    }

    String queryString() {
        StringBuilder q = new StringBuilder();
        params().forEach((name, values) -> {
            q.append(q.isEmpty() ? "" : "&").append(name).append('=').append(encode(values.getFirst()));
        });
        return q.toString();
    }

    /** The inverse of {@link #queryString()}; a parameter it does not know is refused. */
    static BenchQuery parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a key=value pair: " + pair);
            }
            params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        BenchQuery query = new BenchQuery(Long.parseLong(required(params, "eventTypeId")), required(params, "start"),
                required(params, "end"), params.get("timeZone"),
                params.containsKey("duration") ? Integer.valueOf(params.get("duration")) : null, params.get("format"));
        params.keySet().removeAll(java.util.Set.of("eventTypeId", "start", "end", "timeZone", "duration", "format"));
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("unexpected parameters " + params.keySet());
        }
        return query;
    }

    /** The instants Cal.com reads from {@code start} and {@code end}. */
    TimeRange range() {
        return new TimeRange(
                CalcomTimeParams.parseStart(start).orElseThrow(() -> new IllegalArgumentException("bad start " + start)),
                CalcomTimeParams.parseEnd(end).orElseThrow(() -> new IllegalArgumentException("bad end " + end)));
    }

    int minutes(EventTypeSpec type) {
        return duration != null ? duration : type.lengthMinutes();
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}

package io.slotgate.simulator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.slotgate.json.Jackson;
import io.slotgate.simulator.PolicyResult;
import io.slotgate.simulator.SimulationResult;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code report.json}: everything in the result plus the derived rates, fields always in the same order.
 *
 * <p>Shape: {@code format, command, workload (sorted by key), seeds, latencyBucketsMs (upper bounds, the last,
 * unbounded one as null), policies[], sweeps[{dimension, unit, points[{value, policies[]}]}]}. Each policy has its
 * raw counts in record order followed by {@code hitRate, falseAvailableRate, falseUnavailableRate,
 * falseAvailablePerDay, falseUnavailablePerDay, callsPerDayPerEventType, failedBookingRate, refused, answered,
 * refusedRate, offerAfterWebhookMedianMs, offerAfterWebhookMaxMs} (rates as fractions 0..1, equal to
 * {@link PolicyResult}'s methods: hit and refused rates of queries, the judged rates of answers). Non-finite numbers
 * are written as null.
 *
 * <p>Format 2 added the refusals ({@code refusedRateBudget, refusedUpstream, refusedPerQuarterHour}), the offers after
 * a webhook ({@code offersAfterWebhook, offerAfterWebhookDelaysMs}), and made {@code days} a number that may be a
 * fraction (a run of minutes).
 */
final class JsonReport {
    public static final String FORMAT = "slotgate-simulation-report/2";
    private static final ObjectMapper MAPPER = Jackson.MAPPER;

    private JsonReport() {
    }

    public static String render(SimulationResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("command", result.command());
        ObjectNode workload = root.putObject("workload");
        new TreeMap<>(result.workload()).forEach(workload::put);
        ArrayNode seeds = root.putArray("seeds");
        result.seeds().forEach(seeds::add);
        ArrayNode buckets = root.putArray("latencyBucketsMs");
        PolicyResult.LATENCY_BUCKETS_MS.forEach(b -> {
            if (b == Long.MAX_VALUE) {
                buckets.addNull();
            } else {
                buckets.add(b);
            }
        });
        policies(root.putArray("policies"), result.policies());
        ArrayNode sweeps = root.putArray("sweeps");
        for (SimulationResult.Sweep sweep : result.sweeps()) {
            ObjectNode s = sweeps.addObject();
            s.put("dimension", sweep.dimension());
            s.put("unit", sweep.unit());
            ArrayNode points = s.putArray("points");
            for (SimulationResult.Point point : sweep.points()) {
                ObjectNode p = points.addObject();
                number(p, "value", point.value());
                policies(p.putArray("policies"), point.policies());
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void policies(ArrayNode array, List<PolicyResult> policies) {
        for (PolicyResult p : policies) {
            ObjectNode o = array.addObject();
            o.put("policy", p.policy());
            o.put("seeds", p.seeds());
            o.put("eventTypes", p.eventTypes());
            number(o, "days", p.days());
            o.put("queries", p.queries());
            o.put("hits", p.hits());
            o.put("staleServed", p.staleServed());
            o.put("refusedRateBudget", p.refusedRateBudget());
            o.put("refusedUpstream", p.refusedUpstream());
            o.put("falseAvailable", p.falseAvailable());
            o.put("falseUnavailable", p.falseUnavailable());
            o.put("offersAfterWebhook", p.offersAfterWebhook());
            longs(o, "offerAfterWebhookDelaysMs", p.offerAfterWebhookDelaysMs());
            o.put("bookingsAttempted", p.bookingsAttempted());
            o.put("bookingsFailedTaken", p.bookingsFailedTaken());
            o.put("calcomCalls", p.calcomCalls());
            o.put("calcomSlotCalls", p.calcomSlotCalls());
            o.put("calls429", p.calls429());
            number(o, "latencyMeanMs", p.latencyMeanMs());
            number(o, "latencyP95Ms", p.latencyP95Ms());
            number(o, "latencyP99Ms", p.latencyP99Ms());
            o.put("maxAgeServedSeconds", p.maxAgeServedSeconds());
            longs(o, "latencyHistogramMs", p.latencyHistogramMs());
            longs(o, "callsPerQuarterHour", p.callsPerQuarterHour());
            longs(o, "refusedPerQuarterHour", p.refusedPerQuarterHour());
            number(o, "hitRate", p.hitRate());
            number(o, "falseAvailableRate", p.falseAvailableRate());
            number(o, "falseUnavailableRate", p.falseUnavailableRate());
            number(o, "falseAvailablePerDay", p.falseAvailablePerDay());
            number(o, "falseUnavailablePerDay", p.falseUnavailablePerDay());
            number(o, "callsPerDayPerEventType", p.callsPerDayPerEventType());
            number(o, "failedBookingRate", p.failedBookingRate());
            o.put("refused", p.refused());
            o.put("answered", p.answered());
            number(o, "refusedRate", p.refusedRate());
            o.put("offerAfterWebhookMedianMs", p.offerAfterWebhookMedianMs());
            o.put("offerAfterWebhookMaxMs", p.offerAfterWebhookMaxMs());
        }
    }

    /** A flat array of counts on one line: the file stays readable (and small) with thousands of delays in it. */
    private static void longs(ObjectNode o, String field, List<Long> values) {
        o.putRawValue(field, new RawValue(values.stream().map(String::valueOf)
                .collect(Collectors.joining(",", "[", "]"))));
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}

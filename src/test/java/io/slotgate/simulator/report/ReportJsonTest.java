package io.slotgate.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.simulator.PolicyResult;
import io.slotgate.simulator.SimulationResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void parsesBackWithTheDerivedRatesEqualToThePolicyResults() throws Exception {
        SimulationResult result = ReportFixtures.withSweep();
        JsonNode root = MAPPER.readTree(JsonReport.render(result));

        assertThat(root.get("format").asText()).isEqualTo(JsonReport.FORMAT);
        assertThat(root.get("command").asText()).isEqualTo(result.command());
        assertThat(root.get("policies")).hasSize(4);
        for (int i = 0; i < result.policies().size(); i++) {
            assertPolicy(root.get("policies").get(i), result.policies().get(i));
        }
        JsonNode sweep = root.get("sweeps").get(0);
        assertThat(sweep.get("dimension").asText()).isEqualTo("bookings per hour");
        assertThat(sweep.get("unit").asText()).isEqualTo("1/h");
        assertThat(sweep.get("points")).hasSize(4);
        SimulationResult.Point last = result.sweeps().getFirst().points().getLast();
        assertThat(sweep.get("points").get(3).get("value").asDouble()).isEqualTo(40);
        assertPolicy(sweep.get("points").get(3).get("policies").get(3), last.policies().get(3));
    }

    @Test
    void holdsEveryRawFigureOfTheResult() throws Exception {
        SimulationResult result = ReportFixtures.withoutSweeps();
        JsonNode root = MAPPER.readTree(JsonReport.render(result));
        PolicyResult p = result.policies().get(2);
        JsonNode n = root.get("policies").get(2);

        assertThat(root.get("seeds")).extracting(JsonNode::asLong).containsExactly(1L, 2L, 3L);
        assertThat(root.get("workload").get("calcom-latency").asText()).isEqualTo("lognormal(median=380ms, p99=1.4s)");
        assertThat(n.get("queries").asLong()).isEqualTo(p.queries());
        assertThat(n.get("staleServed").asLong()).isEqualTo(p.staleServed());
        assertThat(n.get("calcomSlotCalls").asLong()).isEqualTo(p.calcomSlotCalls());
        assertThat(n.get("latencyP99Ms").asDouble()).isEqualTo(p.latencyP99Ms());
        assertThat(n.get("maxAgeServedSeconds").asLong()).isEqualTo(p.maxAgeServedSeconds());
        assertThat(n.get("latencyHistogramMs")).extracting(JsonNode::asLong)
                .containsExactlyElementsOf(p.latencyHistogramMs());
        assertThat(n.get("callsPerQuarterHour")).extracting(JsonNode::asLong)
                .containsExactlyElementsOf(p.callsPerQuarterHour());
        // the unbounded last bucket is null, the others their upper bounds
        JsonNode buckets = root.get("latencyBucketsMs");
        assertThat(buckets).hasSize(PolicyResult.LATENCY_BUCKETS_MS.size());
        assertThat(buckets.get(0).asLong()).isEqualTo(1);
        assertThat(buckets.get(buckets.size() - 1).isNull()).isTrue();
    }

    @Test
    void fieldOrderIsStable() throws Exception {
        JsonNode root = MAPPER.readTree(JsonReport.render(ReportFixtures.withoutSweeps()));

        assertThat(fieldNames(root)).containsExactly("format", "command", "workload", "seeds", "latencyBucketsMs",
                "policies", "sweeps");
        assertThat(fieldNames(root.get("workload"))).isSorted();
        assertThat(fieldNames(root.get("policies").get(0))).startsWith("policy", "seeds", "eventTypes", "days")
                .endsWith("hitRate", "falseAvailableRate", "falseUnavailableRate", "falseAvailablePerDay",
                        "falseUnavailablePerDay", "callsPerDayPerEventType", "failedBookingRate", "refused",
                        "answered", "refusedRate", "offerAfterWebhookMedianMs", "offerAfterWebhookMaxMs");
        assertThat(JsonReport.render(ReportFixtures.withoutSweeps()))
                .isEqualTo(JsonReport.render(ReportFixtures.withoutSweeps()));
    }

    @Test
    void holdsTheRefusalsByReasonAndTheDelaysOfTheOffersAfterAWebhook() throws Exception {
        JsonNode n = MAPPER.readTree(JsonReport.render(ReportFixtures.withoutSweeps())).get("policies").get(2);

        assertThat(n.get("policy").asText()).isEqualTo("seed-hybrid");
        assertThat(n.get("refusedRateBudget").asLong()).isEqualTo(2_500);
        assertThat(n.get("refusedUpstream").asLong()).isEqualTo(500);
        assertThat(n.get("refused").asLong()).isEqualTo(3_000);
        assertThat(n.get("answered").asLong()).isEqualTo(497_000);
        assertThat(n.get("refusedRate").asDouble()).isEqualTo(0.006);
        assertThat(n.get("falseAvailableRate").asDouble()).isEqualTo(1_650.0 / 497_000);
        assertThat(n.get("offersAfterWebhook").asLong()).isEqualTo(3);
        assertThat(n.get("offerAfterWebhookDelaysMs")).extracting(JsonNode::asLong).containsExactly(1_500L, 6_000L,
                37_000L);
        assertThat(n.get("offerAfterWebhookMedianMs").asLong()).isEqualTo(6_000);
        assertThat(n.get("offerAfterWebhookMaxMs").asLong()).isEqualTo(37_000);
        assertThat(n.get("refusedPerQuarterHour").get(36).asLong()).isEqualTo(3_000);
    }

    @Test
    void notANumberIsWrittenAsNull() throws Exception {
        PolicyResult p = ReportFixtures.policy("odd", 1, 1, 1, 10, 5, 0, 0, 0, 0, 1, Double.NaN, Double.NaN,
                Double.POSITIVE_INFINITY, 0, 1);
        JsonNode n = MAPPER.readTree(JsonReport.render(ReportFixtures.result(List.of(p), List.of())))
                .get("policies").get(0);
        assertThat(n.get("latencyMeanMs").isNull()).isTrue();
        assertThat(n.get("latencyP99Ms").isNull()).isTrue();
        assertThat(n.get("hitRate").asDouble()).isEqualTo(0.5);
    }

    private static void assertPolicy(JsonNode n, PolicyResult p) {
        assertThat(n.get("policy").asText()).isEqualTo(p.policy());
        assertThat(n.get("hits").asLong()).isEqualTo(p.hits());
        assertThat(n.get("falseAvailable").asLong()).isEqualTo(p.falseAvailable());
        assertThat(n.get("hitRate").asDouble()).isEqualTo(p.hitRate());
        assertThat(n.get("falseAvailableRate").asDouble()).isEqualTo(p.falseAvailableRate());
        assertThat(n.get("falseUnavailableRate").asDouble()).isEqualTo(p.falseUnavailableRate());
        assertThat(n.get("falseAvailablePerDay").asDouble()).isEqualTo(p.falseAvailablePerDay());
        assertThat(n.get("falseUnavailablePerDay").asDouble()).isEqualTo(p.falseUnavailablePerDay());
        assertThat(n.get("callsPerDayPerEventType").asDouble()).isEqualTo(p.callsPerDayPerEventType());
        assertThat(n.get("failedBookingRate").asDouble()).isEqualTo(p.failedBookingRate());
        assertThat(n.get("refusedRate").asDouble()).isEqualTo(p.refusedRate());
        assertThat(n.get("refused").asLong()).isEqualTo(p.refused());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

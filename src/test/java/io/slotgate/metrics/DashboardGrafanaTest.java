package io.slotgate.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.support.RedisServerProcess;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/grafana-dashboard.json is valid JSON, and every panel's query names metrics a running slotgate (with the
 * shared tier, so the L2 meters exist) really exposes, each documented in docs/metrics.md.
 */
class DashboardGrafanaTest {
    @RegisterExtension
    static final RedisServerProcess redis = new RedisServerProcess();

    private static final Pattern METRIC = Pattern.compile("\\bslotgate_[a-z0-9_]+");

    @Test
    void everyGrafanaPanelQueriesMetricsThatSlotgateExposesAndDocuments() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("docs/grafana-dashboard.json")));
        assertThat(dashboard.path("title").asText()).isEqualTo("slotgate");
        List<String> expressions = new ArrayList<>();
        Set<String> titles = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }
        assertThat(String.join("\n", titles).toLowerCase()).contains("hit rate", "stale", "p95", "cal.com calls",
                "429", "circuit", "invalidations by cause", "l1", "l2");

        String scrape;
        redis.call("FLUSHALL");
        try (Stack stack = Stack.startWithRedis(Instant.parse("2030-01-06T08:00:00Z"), redis.url())) {
            DemoData.install(stack.emulator);
            stack.slotgate("/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-13");
            stack.slotgate("/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-13");
            stack.slotgate.tenants().defaultTenant().invalidation().counters()
                    .invalidation(io.slotgate.invalidation.Cause.ADMIN);
            scrape = stack.slotgate("/metrics").body();
        }
        String documented = Files.readString(Path.of("docs/metrics.md"));
        Set<String> used = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = METRIC.matcher(expr);
            boolean any = false;
            while (m.find()) {
                used.add(m.group());
                any = true;
            }
            assertThat(any).as("a slotgate metric in %s", expr).isTrue();
        }
        for (String metric : used) {
            assertThat(Pattern.compile("(?m)^" + Pattern.quote(metric) + "[{ ]").matcher(scrape).find())
                    .as("slotgate exposes %s", metric).isTrue();
            String family = metric.replaceAll("_(bucket|count|sum)$", "");
            assertThat(documented).as("docs/metrics.md documents %s", family).contains("`" + family);
        }
    }
}

package io.slotgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.simulator.report.TextColumns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

@Command(name = "clear", mixinStandardHelpOptions = true,
        description = "Clear the cache: all of it, one tenant's, or one event type's.")
final class CacheClearCommand extends AdminCall {
    @Option(names = "--tenant", paramLabel = "T", description = "Only this tenant (default: every tenant)")
    String tenant;

    @Option(names = "--event-type", paramLabel = "ID", description = "Only this event type")
    Long eventType;

    @Override
    void validate() {
        if (eventType != null && eventType <= 0) {
            throw bad("--event-type must be a positive integer, got " + eventType);
        }
        if (tenant != null && tenant.isBlank()) {
            throw bad("--tenant must not be blank");
        }
    }

    @Override
    HttpRequest.Builder request(AdminClient admin) {
        StringBuilder query = new StringBuilder();
        if (tenant != null) {
            query.append(query.isEmpty() ? "?" : "&").append("tenant=").append(AdminClient.encode(tenant));
        }
        if (eventType != null) {
            query.append(query.isEmpty() ? "?" : "&").append("eventType=").append(eventType);
        }
        return admin.post("/admin/cache/clear" + query);
    }

    @Override
    void print(PrintWriter out, JsonNode data) {
        List<String> tenants = new ArrayList<>();
        data.path("tenants").forEach(t -> tenants.add(t.asText()));
        out.println("cleared " + (tenants.size() == 1 ? "tenant " : "tenants ") + String.join(", ", tenants)
                + (data.path("eventTypeId").isNull() ? "" : ", event type " + data.path("eventTypeId").asText()));
        TextColumns table = new TextColumns("GENERATIONS MOVED ON", "L1 BUCKETS REMOVED", "REDIS BUCKETS REMOVED");
        table.row(data.path("generationsBumped").asText(), data.path("l1Removed").asText(),
                data.path("l2Removed").asText());
        table.print(out);
    }
}

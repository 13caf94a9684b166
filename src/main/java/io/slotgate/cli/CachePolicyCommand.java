package io.slotgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.simulator.report.TextColumns;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

@Command(name = "policy", mixinStandardHelpOptions = true, description = "Show the active freshness policy.")
final class CachePolicyCommand extends AdminCall {
    @Override
    HttpRequest.Builder request(AdminClient admin) {
        return admin.get("/admin/policy");
    }

    @Override
    void print(PrintWriter out, JsonNode data) {
        printPolicy(out, data);
    }

    /** Also what {@code reload-policy} prints after its line: both answers are the same policy view. */
    static void printPolicy(PrintWriter out, JsonNode data) {
        JsonNode active = data.path("active");
        out.println("active policy: " + active.path("name").asText()
                + (data.path("file").isNull() ? "" : " (from " + data.path("file").asText() + ")"));
        TextColumns table = new TextColumns("SETTING", "VALUE");
        active.fields().forEachRemaining(e -> table.row(e.getKey(), e.getValue().isValueNode()
                ? e.getValue().asText() : e.getValue().toString()));
        table.print(out);
        List<String> builtIn = new ArrayList<>();
        data.path("builtIn").forEach(n -> builtIn.add(n.asText()));
        if (!builtIn.isEmpty()) {
            out.println("built-in policies: " + String.join(", ", builtIn));
        }
    }
}

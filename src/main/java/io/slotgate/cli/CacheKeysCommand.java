package io.slotgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.ops.CacheAdmin;
import io.slotgate.simulator.report.TextColumns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.http.HttpRequest;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "List cache keys matching a glob (L1, and Redis when slotgate runs with it).")
final class CacheKeysCommand extends AdminCall {
    @Option(names = "--pattern", required = true, paramLabel = "P",
            description = "Glob on rendered keys: '*' any run, '?' one character, e.g. sg:default:slots:1001:*")
    String pattern;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Most keys to list (1-10000, default ${DEFAULT-VALUE})")
    int limit;

    @Override
    void validate() {
        try {
            CacheAdmin.compileGlob(pattern);
        } catch (IllegalArgumentException e) {
            throw bad("--pattern: " + e.getMessage());
        }
        if (limit < 1 || limit > CacheAdmin.MAX_KEYS) {
            throw bad("--limit must be from 1 to " + CacheAdmin.MAX_KEYS + ", got " + limit);
        }
    }

    @Override
    HttpRequest.Builder request(AdminClient admin) {
        return admin.get("/admin/cache/keys?pattern=" + AdminClient.encode(pattern) + "&limit=" + limit);
    }

    @Override
    void print(PrintWriter out, JsonNode data) {
        TextColumns table = new TextColumns("KEY", "TIER", "AGE", "SLOTS");
        for (JsonNode key : data.path("keys")) {
            table.row(key.path("key").asText(), key.path("tier").asText(),
                    key.path("ageSeconds").isNull() ? "-" : key.path("ageSeconds").asText() + "s",
                    key.path("slots").isNull() ? "-" : key.path("slots").asText());
        }
        int n = data.path("keys").size();
        if (n > 0) {
            table.print(out);
        }
        out.println(data.path("truncated").asBoolean()
                ? "(first " + n + " keys; more match, narrow the pattern or raise --limit)"
                : "(" + n + (n == 1 ? " key)" : " keys)"));
    }
}

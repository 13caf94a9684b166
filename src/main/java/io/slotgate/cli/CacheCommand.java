package io.slotgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.ops.CacheAdmin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code slotgate cache stats|keys|clear|policy|reload-policy}: asks a running slotgate's admin API and prints what
 * it says as a table. Exit codes: 0 done, 1 slotgate unreachable or refusing (the token, a tenant), 2 bad options.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Inspect and clear a running slotgate's cache through its admin API.",
        subcommands = {CacheCommand.Stats.class, CacheCommand.Keys.class, CacheCommand.Clear.class,
                CacheCommand.Policy.class, CacheCommand.ReloadPolicy.class})
final class CacheCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where slotgate is and the token to show it. */
    static final class Connection {
        @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:SLOTGATE_URL:-http://localhost:8080}",
                description = "slotgate's base URL (SLOTGATE_URL, default http://localhost:8080)")
        String url;

        @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:SLOTGATE_ADMIN_TOKEN}",
                description = "slotgate's admin token (SLOTGATE_ADMIN_TOKEN)")
        String adminToken;
    }

    /** One admin call: validates the connection options, sends, and turns failures into one line and an exit code. */
    abstract static class AdminCall implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Connection connection;

        abstract HttpRequest.Builder request(URI base);

        abstract void print(PrintWriter out, JsonNode data);

        /** Local checks of the subcommand's own options. */
        void validate() {
        }

        @Override
        public Integer call() {
            URI base = base();
            if (connection.adminToken == null || connection.adminToken.isBlank()) {
                throw bad("--admin-token (or SLOTGATE_ADMIN_TOKEN) is required");
            }
            validate();
            HttpRequest request = request(base)
                    .header("Authorization", "Bearer " + connection.adminToken)
                    .timeout(Duration.ofSeconds(30))
                    .build();
            HttpResponse<String> response;
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                return fail(1, "cannot reach slotgate at " + base + " (connection refused)");
            } catch (IOException e) {
                return fail(1, "cannot reach slotgate at " + base + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(1, "interrupted");
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = JSON.missingNode();
            }
            int status = response.statusCode();
            if (status == 401) {
                return fail(1, "slotgate refused the admin token (401): " + message(body, response));
            }
            if (status == 400) {
                return fail(2, "slotgate refused the options (400): " + message(body, response));
            }
            if (status != 200 || !"success".equals(body.path("status").asText())) {
                return fail(1, "slotgate answered " + status + ": " + message(body, response));
            }
            PrintWriter out = spec.commandLine().getOut();
            print(out, body.path("data"));
            out.flush();
            return 0;
        }

        private URI base() {
            URI uri = null;
            try {
                uri = URI.create(connection.url.endsWith("/")
                        ? connection.url.substring(0, connection.url.length() - 1) : connection.url);
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw bad("--url must be an absolute http(s) URL such as http://localhost:8080, got '"
                        + connection.url + "'");
            }
            return uri;
        }

        int fail(int code, String message) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + oneLine(message));
            return code;
        }

        CommandLine.ParameterException bad(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }

        static HttpRequest.Builder get(URI base, String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).GET();
        }

        static HttpRequest.Builder post(URI base, String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
        }

        private static String message(JsonNode body, HttpResponse<String> response) {
            String text = body.path("error").path("message").asText("");
            return text.isEmpty() ? abbreviate(response.body()) : text;
        }

        private static String abbreviate(String text) {
            return text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }

        private static String oneLine(String text) {
            return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Hit rate, entries, ages of L1 buckets, upstream calls per day, verifier figures.")
    static final class Stats extends AdminCall {
        @Override
        HttpRequest.Builder request(URI base) {
            return get(base, "/admin/cache/stats");
        }

        @Override
        void print(PrintWriter out, JsonNode data) {
            out.println("policy: " + data.path("policy").asText() + "   redis: " + (data.path("redis").asBoolean()
                    ? (data.path("redisAvailable").asBoolean() ? "available" : "UNAVAILABLE") : "none"));
            Table cache = new Table("TENANT", "FRESH DAYS", "STALE DAYS", "FETCHED DAYS", "HIT RATE", "FRESH HIT RATE",
                    "L1 BUCKETS", "L2 BUCKETS", "INVALIDATIONS");
            Table ages = new Table(header("TENANT", data, "l1AgeBands"));
            Table calls = new Table("TENANT", "DAY (UTC)", "EVENT TYPE", "UPSTREAM CALLS");
            Table verifier = new Table("TENANT", "VERIFIED", "STALE", "STALE RATIO", "FALSE-AVAILABLE",
                    "FALSE-UNAVAILABLE", "INVALIDATED", "SKIPPED", "PENDING");
            for (JsonNode t : data.path("tenants")) {
                String tenant = t.path("tenant").asText();
                cache.row(tenant, t.path("freshDays").asText(), t.path("staleDays").asText(),
                        t.path("fetchedDays").asText(), percent(t.path("hitRate").asDouble()),
                        percent(t.path("freshHitRate").asDouble()), t.path("l1Buckets").asText(),
                        t.path("l2Buckets").isNull() ? "-" : t.path("l2Buckets").asText(),
                        t.path("invalidations").asText());
                List<String> ageRow = new ArrayList<>(List.of(tenant));
                t.path("l1AgeBands").forEach(n -> ageRow.add(n.asText()));
                ages.row(ageRow.toArray(String[]::new));
                for (Iterator<Map.Entry<String, JsonNode>> days = t.path("upstreamCallsPerDay").fields(); days.hasNext(); ) {
                    Map.Entry<String, JsonNode> day = days.next();
                    for (Iterator<Map.Entry<String, JsonNode>> types = day.getValue().fields(); types.hasNext(); ) {
                        Map.Entry<String, JsonNode> type = types.next();
                        calls.row(tenant, day.getKey(), type.getKey(), type.getValue().asText());
                    }
                }
                JsonNode v = t.path("verifier");
                verifier.row(tenant, v.path("samplesVerified").asText(), v.path("staleAnswers").asText(),
                        percent(v.path("staleRatio").asDouble()), v.path("falseAvailableAnswers").asText(),
                        v.path("falseUnavailableAnswers").asText(), v.path("bucketsInvalidated").asText(),
                        v.path("skipped").asText(), v.path("samplesPending").asText());
            }
            out.println();
            out.println("cache (days served per query)");
            cache.print(out);
            out.println();
            out.println("L1 bucket ages");
            ages.print(out);
            out.println();
            out.println("upstream calls per day");
            if (calls.isEmpty()) {
                out.println("  (none yet)");
            } else {
                calls.print(out);
            }
            out.println();
            out.println("staleness verifier");
            verifier.print(out);
        }

        private static String[] header(String first, JsonNode data, String field) {
            List<String> names = new ArrayList<>(List.of(first));
            JsonNode any = data.path("tenants").path(0).path(field);
            any.fieldNames().forEachRemaining(names::add);
            return names.toArray(String[]::new);
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = "List cache keys matching a glob (L1, and Redis when slotgate runs with it).")
    static final class Keys extends AdminCall {
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
        HttpRequest.Builder request(URI base) {
            return get(base, "/admin/cache/keys?pattern=" + encode(pattern) + "&limit=" + limit);
        }

        @Override
        void print(PrintWriter out, JsonNode data) {
            Table table = new Table("KEY", "TIER", "AGE", "SLOTS");
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

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Clear the cache: all of it, one tenant's, or one event type's.")
    static final class Clear extends AdminCall {
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
        HttpRequest.Builder request(URI base) {
            StringBuilder query = new StringBuilder();
            if (tenant != null) {
                query.append(query.isEmpty() ? "?" : "&").append("tenant=").append(encode(tenant));
            }
            if (eventType != null) {
                query.append(query.isEmpty() ? "?" : "&").append("eventType=").append(eventType);
            }
            return post(base, "/admin/cache/clear" + query);
        }

        @Override
        void print(PrintWriter out, JsonNode data) {
            List<String> tenants = new ArrayList<>();
            data.path("tenants").forEach(t -> tenants.add(t.asText()));
            out.println("cleared " + (tenants.size() == 1 ? "tenant " : "tenants ") + String.join(", ", tenants)
                    + (data.path("eventTypeId").isNull() ? "" : ", event type " + data.path("eventTypeId").asText()));
            Table table = new Table("GENERATIONS MOVED ON", "L1 BUCKETS REMOVED", "REDIS BUCKETS REMOVED");
            table.row(data.path("generationsBumped").asText(), data.path("l1Removed").asText(),
                    data.path("l2Removed").asText());
            table.print(out);
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true, description = "Show the active freshness policy.")
    static final class Policy extends AdminCall {
        @Override
        HttpRequest.Builder request(URI base) {
            return get(base, "/admin/policy");
        }

        @Override
        void print(PrintWriter out, JsonNode data) {
            printPolicy(out, data);
        }
    }

    @Command(name = "reload-policy", mixinStandardHelpOptions = true,
            description = "Reload the policy from its file and show it.")
    static final class ReloadPolicy extends AdminCall {
        @Override
        HttpRequest.Builder request(URI base) {
            return post(base, "/admin/policy/reload");
        }

        @Override
        void print(PrintWriter out, JsonNode data) {
            out.println("policy reloaded");
            printPolicy(out, data);
        }
    }

    static void printPolicy(PrintWriter out, JsonNode data) {
        JsonNode active = data.path("active");
        out.println("active policy: " + active.path("name").asText()
                + (data.path("file").isNull() ? "" : " (from " + data.path("file").asText() + ")"));
        Table table = new Table("SETTING", "VALUE");
        active.fields().forEachRemaining(e -> table.row(e.getKey(), e.getValue().isValueNode()
                ? e.getValue().asText() : e.getValue().toString()));
        table.print(out);
        List<String> builtIn = new ArrayList<>();
        data.path("builtIn").forEach(n -> builtIn.add(n.asText()));
        if (!builtIn.isEmpty()) {
            out.println("built-in policies: " + String.join(", ", builtIn));
        }
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Columns padded to their widest cell, two spaces apart. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        boolean isEmpty() {
            return rows.size() == 1;
        }

        void print(PrintWriter out) {
            int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}

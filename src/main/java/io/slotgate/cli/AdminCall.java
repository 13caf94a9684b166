package io.slotgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;

/**
 * One {@code slotgate cache} subcommand: validates the connection options and its own, makes its one admin call
 * through {@link AdminClient}, and prints the answer, or one line on stderr and the exit code.
 */
abstract class AdminCall implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Connection connection;

    /** Where slotgate is and the token to show it. */
    static final class Connection {
        @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:SLOTGATE_URL:-http://localhost:8080}",
                description = "slotgate's base URL (SLOTGATE_URL, default http://localhost:8080)")
        String url;

        @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:SLOTGATE_ADMIN_TOKEN}",
                description = "slotgate's admin token (SLOTGATE_ADMIN_TOKEN)")
        String adminToken;
    }

    abstract HttpRequest.Builder request(AdminClient admin);

    abstract void print(PrintWriter out, JsonNode data);

    /** Local checks of the subcommand's own options. */
    void validate() {
    }

    @Override
    public Integer call() {
        URI base = AdminClient.base(connection.url).orElseThrow(() -> bad(
                "--url must be an absolute http(s) URL such as http://localhost:8080, got '" + connection.url + "'"));
        if (connection.adminToken == null || connection.adminToken.isBlank()) {
            throw bad("--admin-token (or SLOTGATE_ADMIN_TOKEN) is required");
        }
        validate();
        AdminClient admin = new AdminClient(base, connection.adminToken);
        AdminClient.Outcome outcome = admin.send(request(admin));
        if (outcome.failure() != null) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + oneLine(outcome.failure()));
            return outcome.exitCode();
        }
        PrintWriter out = spec.commandLine().getOut();
        print(out, outcome.data());
        out.flush();
        return 0;
    }

    CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}

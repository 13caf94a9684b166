package io.slotgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.json.Jackson;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A running slotgate's admin API over HTTP: the bearer token, the timeouts, and what an answer comes to, either the
 * envelope's {@code data} or one line to print and the exit code (1 unreachable or refusing, 2 bad options).
 */
final class AdminClient {
    private static final ObjectMapper JSON = Jackson.MAPPER;

    private final URI base;
    private final String token;

    AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** What one call came to: the answer's data (exit code 0), or the exit code and what to say instead. */
    record Outcome(int exitCode, JsonNode data, String failure) {
        static Outcome ok(JsonNode data) {
            return new Outcome(0, data, null);
        }

        static Outcome failed(int exitCode, String failure) {
            return new Outcome(exitCode, null, failure);
        }
    }

    /** slotgate's base URL without its trailing slash, if it is an absolute http(s) URL. */
    static Optional<URI> base(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET();
    }

    HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    Outcome send(HttpRequest.Builder builder) {
        HttpRequest request = builder
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return Outcome.failed(1, "cannot reach slotgate at " + base + " (connection refused)");
        } catch (IOException e) {
            return Outcome.failed(1, "cannot reach slotgate at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(1, "interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            // Not JSON (a proxy's error page, say): the status and the body's start still say what happened.
            body = JSON.missingNode();
        }
        int status = response.statusCode();
        if (status == 401) {
            return Outcome.failed(1, "slotgate refused the admin token (401): " + message(body, response));
        }
        if (status == 400) {
            return Outcome.failed(2, "slotgate refused the options (400): " + message(body, response));
        }
        if (status != 200 || !"success".equals(body.path("status").asText())) {
            return Outcome.failed(1, "slotgate answered " + status + ": " + message(body, response));
        }
        return Outcome.ok(body.path("data"));
    }

    private static String message(JsonNode body, HttpResponse<String> response) {
        String text = body.path("error").path("message").asText("");
        return text.isEmpty() ? abbreviate(response.body()) : text;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}

package io.slotgate.bench.pressure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The users: one HTTP client (virtual threads, HTTP/1.1, connections kept alive) asking the balancer as a booking
 * front-end asks Cal.com. Every reply is kept, a failure to get one as status 0.
 */
final class LoadClient implements AutoCloseable {
    /** What one client saw; {@code elapsed} from sending to the last byte. */
    record Reply(BenchQuery query, int status, String retryAfter, Duration elapsed) {
        /** Retry-After in whole seconds, as slotgate sends it; empty when absent or unreadable. */
        OptionalLong retryAfterSeconds() {
            try {
                return retryAfter == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(retryAfter.trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }

    private final URI base;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();

    LoadClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(workers)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Reply ask(BenchQuery query) {
        return ask(query, null);
    }

    /** Asked as the client named by {@code agentToken} (sent as {@code X-Agent-Token}; null: none). */
    Reply ask(BenchQuery query, String agentToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve("/v2/slots?" + query.queryString()))
                .header("cal-api-version", "2024-09-04").timeout(Duration.ofSeconds(60)).GET();
        if (agentToken != null) {
            builder.header("X-Agent-Token", agentToken);
        }
        HttpRequest request = builder.build();
        long started = System.nanoTime();
        Reply reply;
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            reply = new Reply(query, response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            reply = new Reply(query, 0, null, Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = new Reply(query, 0, null, Duration.ofNanos(System.nanoTime() - started));
        }
        replies.add(reply);
        return reply;
    }

    java.util.List<Reply> replies() {
        return java.util.List.copyOf(replies);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}

package io.slotgate.slots;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Cal.com's global error envelope ({@code apps/api/v2/src/filters/http-exception.filter.ts}):
 * {@code {"status":"error","timestamp":…,"path":…,"error":{"code":…,"message":…,"details":…}}}.
 */
public final class CalcomErrorBody {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CalcomErrorBody() {
    }

    /** The envelope of a Nest HttpException: details is Nest's default {message, error, statusCode}. */
    public static String of(Clock clock, String path, int status, String code, String message) {
        ObjectNode details = MAPPER.createObjectNode();
        details.put("message", message);
        details.put("error", reasonPhrase(status));
        details.put("statusCode", status);
        ObjectNode root = envelope(clock, path, code, message);
        ((ObjectNode) root.get("error")).set("details", details);
        return root.toString();
    }

    /** The envelope of a ThrottlerException, whose details is the message string itself. */
    public static String throttled(Clock clock, String path, String message) {
        ObjectNode root = envelope(clock, path, "ThrottlerException", message);
        ((ObjectNode) root.get("error")).put("details", message);
        return root.toString();
    }

    private static ObjectNode envelope(Clock clock, String path, String code, String message) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", "error");
        root.put("timestamp", timestamp(clock));
        root.put("path", path);
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return root;
    }

    private static String timestamp(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BadRequestException";
            case 401 -> "UnauthorizedException";
            case 403 -> "ForbiddenException";
            case 404 -> "NotFoundException";
            case 409 -> "ConflictException";
            case 413 -> "PayloadTooLargeException";
            case 422 -> "UnprocessableEntityException";
            case 503 -> "ServiceUnavailableException";
            default -> "HttpException";
        };
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}

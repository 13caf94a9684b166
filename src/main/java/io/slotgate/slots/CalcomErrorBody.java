package io.slotgate.slots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.json.Jackson;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Cal.com's global error envelope ({@code apps/api/v2/src/filters/http-exception.filter.ts}):
 * {@code {"status":"error","timestamp":…,"path":…,"error":{"code":…,"message":…,"details":…}}}.
 */
public final class CalcomErrorBody {
    private static final ObjectMapper MAPPER = Jackson.MAPPER;

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

    /**
     * A class-validator failure, {@code BadRequestException({errors})}: Nest's default message and the validation
     * errors as {@code details} (../shared/calcom/legacy-slots.md §3.3).
     */
    public static String validation(Clock clock, String path, JsonNode errors) {
        ObjectNode root = envelope(clock, path, "BadRequestException", "Bad Request Exception");
        ((ObjectNode) root.get("error")).putObject("details").set("errors", errors);
        return root.toString();
    }

    /** The envelope without {@code details}, as the TRPC and Prisma filters write it. */
    public static String withoutDetails(Clock clock, String path, String code, String message) {
        return envelope(clock, path, code, message).toString();
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

    /** {@code new Date().toISOString()}: always three digits of milliseconds (Instant.toString drops ".000"). */
    private static String timestamp(Clock clock) {
        return RequestedZone.UTC.format(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
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

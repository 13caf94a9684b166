package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.slots.CalcomErrorBody;

import java.time.Clock;

/**
 * An error Cal.com would answer. Most go through its global envelope (NOTES §2a "Errors"), whose {@code code} is the
 * Nest class name and {@code details} Nest's default; a validation error has its own {@code details}, a TRPC error
 * none ({@code trpc-exception.filter.ts}), and an error no filter knows gets Nest's bare 500 body.
 */
final class ApiException extends RuntimeException {
    private enum Shape { NEST, VALIDATION, BARE, UNHANDLED }

    final int status;
    final String code;
    private final Shape shape;
    /** A validation error's {@code details.errors}. */
    private final JsonNode details;

    ApiException(int status, String message) {
        this(status, CalcomErrorBody.codeFor(status), message);
    }

    ApiException(int status, String code, String message) {
        this(status, code, message, Shape.NEST, null);
    }

    private ApiException(int status, String code, String message, Shape shape, JsonNode details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.shape = shape;
        this.details = details;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    static ApiException unprocessable(String message) {
        return new ApiException(422, message);
    }

    /** A class-validator failure: {@code BadRequestException({errors})}, whose message is Nest's default. */
    static ApiException validation(JsonNode errors) {
        return new ApiException(400, "BadRequestException", "Bad Request Exception", Shape.VALIDATION, errors);
    }

    /** A {@code TRPCError} of the given code, answered with TRPC_ERROR_MAP's status and message. */
    static ApiException trpc(int status, String message) {
        return bare(status, "TRPCError", message);
    }

    /** The envelope without {@code details}, as the TRPC and Prisma filters write it. */
    static ApiException bare(int status, String code, String message) {
        return new ApiException(status, code, message, Shape.BARE, null);
    }

    /** An error Nest's base filter answers: {@code {"statusCode":500,"message":"Internal server error"}}. */
    static ApiException unhandled() {
        return new ApiException(500, "Error", "Internal server error", Shape.UNHANDLED, null);
    }

    /** The response body, with {@code path} as Cal.com's {@code request.url}. */
    String body(Clock clock, String path) {
        return switch (shape) {
            case NEST -> CalcomErrorBody.of(clock, path, status, code, getMessage());
            case UNHANDLED -> "{\"statusCode\":500,\"message\":\"Internal server error\"}";
            case VALIDATION -> CalcomErrorBody.validation(clock, path, details);
            case BARE -> CalcomErrorBody.withoutDetails(clock, path, code, getMessage());
        };
    }
}

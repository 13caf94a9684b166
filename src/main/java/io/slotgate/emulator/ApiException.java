package io.slotgate.emulator;

import io.slotgate.slots.CalcomErrorBody;

/** An error Cal.com would answer with its global envelope (NOTES §2a "Errors"); {@code code} is the Nest class name. */
final class ApiException extends RuntimeException {
    final int status;
    final String code;

    ApiException(int status, String message) {
        this(status, CalcomErrorBody.codeFor(status), message);
    }

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
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
}

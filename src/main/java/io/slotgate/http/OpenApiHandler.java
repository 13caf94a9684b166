package io.slotgate.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of slotgate's own endpoints (finder, booking, MCP, admin,
 * health, webhooks), kept by hand next to the routes (a resource of this package), so agent platforms can import
 * tools from it. {@code OpenApiDocumentTest} parses it and checks that every route served outside {@code /v2} is in it.
 */
final class OpenApiHandler {
    private final byte[] document;

    OpenApiHandler() {
        try (InputStream in = OpenApiHandler.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the build");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void document(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}

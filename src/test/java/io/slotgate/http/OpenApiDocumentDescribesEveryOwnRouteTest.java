package io.slotgate.http;

import io.slotgate.support.Stack;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /openapi.json} is a valid OpenAPI 3.1 document as swagger-parser (the reference Java parser) reads it,
 * and every route slotgate serves outside Cal.com's {@code /v2} is in it with its method.
 */
class OpenApiDocumentDescribesEveryOwnRouteTest {
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void theDocumentParsesAsOpenApi31WithoutAMessage() {
        HttpResponse<String> served = stack.slotgate("/openapi.json");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/v1/finder/next", "/v1/finder/book", "/mcp",
                "/health", "/admin/policy");
    }

    @Test
    void everyRouteServedOutsideV2IsInTheDocument() {
        OpenAPI document = new OpenAPIV3Parser().readContents(stack.slotgate("/openapi.json").body(), null,
                new ParseOptions()).getOpenAPI();
        List<String> own = stack.slotgate.routes().stream()
                .filter(route -> !route.contains("/v2/") && !route.endsWith("/v2"))
                .filter(route -> !route.startsWith("HEAD ") && !route.startsWith("OPTIONS "))
                .toList();
        assertThat(own).contains("POST /mcp", "POST /v1/finder/book", "GET /openapi.json");
        for (String route : own) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            PathItem item = document.getPaths().get(path);
            assertThat(item).as(route + " is described").isNotNull();
            assertThat(item.readOperationsMap().keySet().stream().map(m -> m.name().toUpperCase(Locale.ROOT)))
                    .as(route + " has its method").contains(method);
        }
    }
}

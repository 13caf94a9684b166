package io.slotgate.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small OpenAPI 3.0 validator for tests, over Cal.com's API v2 document.
 *
 * <p>Messages have the form {@code "<json pointer>: [<rule>] <detail>"}; the root pointer is shown as {@code /}.
 * An empty list means valid.
 *
 * <p>Supported schema keywords: {@code $ref} (local, {@code #/...}; siblings ignored as in OpenAPI 3.0), {@code type},
 * {@code nullable}, {@code required}, {@code properties}, {@code additionalProperties} (boolean or schema),
 * {@code items}, {@code enum}, {@code allOf}, {@code anyOf}, {@code oneOf}, {@code format: date-time} (ISO-8601 with
 * offset or {@code Z}), {@code minimum}/{@code maximum} (with the 3.0 boolean {@code exclusive*}), {@code minLength},
 * {@code maxLength}, {@code pattern}, {@code minItems}/{@code maxItems}. Other keywords are ignored.
 *
 * <p>Deliberate leniency: {@code oneOf} is checked like {@code anyOf} (at least one branch must match). The
 * NestJS-generated branches overlap (e.g. RecurringBookingOutput is BookingOutput plus one field, and no schema sets
 * {@code additionalProperties: false}), so "exactly one" would reject real Cal.com bodies. When no branch matches,
 * the report names all branches and gives the violations of the closest one.
 *
 * <p>Known errors of the document are patched by {@link OpenApiErrata}.
 */
public final class OpenApiValidator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json";

    private final JsonNode doc;
    private final Map<String, JsonNode> schemas;
    private final Map<String, JsonNode> responseOverrides;
    private final JsonNode errorEnvelope;
    private final List<PathTemplate> templates;

    private OpenApiValidator(JsonNode doc, Map<String, String> errata) {
        this.doc = doc;
        this.schemas = new HashMap<>();
        this.responseOverrides = new HashMap<>();
        doc.path("components").path("schemas").fields()
            .forEachRemaining(e -> schemas.put(e.getKey(), e.getValue().deepCopy()));
        applyErrata(errata);
        this.errorEnvelope = parse(OpenApiErrata.ERROR_ENVELOPE);
        this.templates = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(t -> templates.add(PathTemplate.of(t)));
    }

    /** Parses the document once and applies Cal.com's {@link OpenApiErrata#ERRATA}. */
    public static OpenApiValidator load(Path openApiJson) {
        return load(openApiJson, OpenApiErrata.ERRATA);
    }

    /** Same, with another errata table (keys as in {@link OpenApiErrata}); {@code Map.of()} for none. */
    static OpenApiValidator load(Path openApiJson, Map<String, String> errata) {
        try {
            return new OpenApiValidator(MAPPER.readTree(Files.readAllBytes(openApiJson)), errata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenAPI document " + openApiJson, e);
        }
    }

    /** Shared instance over Cal.com's document, located relative to the Maven working directory. */
    public static OpenApiValidator cal() {
        return Shared.INSTANCE;
    }

    /** Where {@link #cal()} reads the document from. */
    public static Path calDocumentPath() {
        Path relative = Path.of("..", "shared", "calcom", "openapi-v2.json");
        return Files.exists(relative) ? relative : Path.of("/work/shared/calcom/openapi-v2.json");
    }

    private static final class Shared {
        static final OpenApiValidator INSTANCE = load(calDocumentPath());
    }

    // ------------------------------------------------------------------------------------------------------------
    // public API

    public List<String> validateResponse(String method, String path, int status, String jsonBody) {
        String m = method.toUpperCase(Locale.ROOT);
        PathTemplate t = match(path);
        if (t == null) {
            return List.of("unknown path " + m + " " + path + ": no path template in the document matches");
        }
        JsonNode op = doc.path("paths").path(t.template).path(m.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            return List.of("no operation " + m + " " + t.template + " in the document");
        }
        JsonNode schema = responseOverrides.get(m + " " + t.template + " " + status);
        if (schema == null) {
            JsonNode response = pickResponse(op.path("responses"), status);
            JsonNode s = response == null ? null : response.path("content").path(JSON).get("schema");
            if (s != null) {
                schema = s;
            } else if (status >= 400) {
                schema = errorEnvelope; // Cal.com's global HttpExceptionFilter envelope
            } else if (response != null && (jsonBody == null || jsonBody.isBlank())) {
                return List.of(); // documented without a body (e.g. 204) and none was sent
            } else {
                return List.of("no response documented for " + m + " " + t.template + " " + status);
            }
        }
        return validateBody(schema, jsonBody);
    }

    public List<String> validateRequestBody(String method, String path, String jsonBody) {
        String m = method.toUpperCase(Locale.ROOT);
        PathTemplate t = match(path);
        if (t == null) {
            return List.of("unknown path " + m + " " + path + ": no path template in the document matches");
        }
        JsonNode op = doc.path("paths").path(t.template).path(m.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            return List.of("no operation " + m + " " + t.template + " in the document");
        }
        JsonNode rb = resolveRef(op.path("requestBody"));
        boolean empty = jsonBody == null || jsonBody.isBlank();
        if (rb == null || rb.isMissingNode()) {
            return empty ? List.of() : List.of("no request body documented for " + m + " " + t.template);
        }
        if (empty) {
            return rb.path("required").asBoolean(false)
                ? List.of("/: [required] request body is required for " + m + " " + t.template)
                : List.of();
        }
        JsonNode schema = rb.path("content").path(JSON).get("schema");
        if (schema == null) {
            return List.of("no application/json request schema documented for " + m + " " + t.template);
        }
        return validateBody(schema, jsonBody);
    }

    /** Checks names (unknown / missing required) and, lightly, values against the parameter schemas. */
    public List<String> validateQuery(String method, String path, Map<String, List<String>> query) {
        String m = method.toUpperCase(Locale.ROOT);
        PathTemplate t = match(path);
        if (t == null) {
            return List.of("unknown path " + m + " " + path + ": no path template in the document matches");
        }
        JsonNode pathItem = doc.path("paths").path(t.template);
        JsonNode op = pathItem.path(m.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            return List.of("no operation " + m + " " + t.template + " in the document");
        }
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        for (JsonNode params : List.of(pathItem.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : params) {
                JsonNode param = resolveRef(p);
                if (param != null && "query".equals(param.path("in").asText())) {
                    declared.put(param.path("name").asText(), param);
                }
            }
        }
        List<String> errors = new ArrayList<>();
        String where = m + " " + t.template;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            JsonNode param = declared.get(e.getKey());
            if (param == null) {
                errors.add("?" + e.getKey() + ": [unknown-parameter] query parameter '" + e.getKey()
                    + "' is not declared for " + where);
                continue;
            }
            JsonNode schema = param.path("schema");
            for (String v : e.getValue() == null ? List.<String>of() : e.getValue()) {
                String problem = checkQueryValue(schema, v);
                if (problem != null) {
                    errors.add("?" + e.getKey() + ": " + problem);
                }
            }
        }
        for (Map.Entry<String, JsonNode> d : declared.entrySet()) {
            if (d.getValue().path("required").asBoolean(false) && !query.containsKey(d.getKey())) {
                errors.add("?" + d.getKey() + ": [required] missing required query parameter '" + d.getKey()
                    + "' for " + where);
            }
        }
        return errors;
    }

    /** The path template the concrete path matches, or {@code null}; exposed for diagnostics in tests. */
    public String templateFor(String path) {
        PathTemplate t = match(path);
        return t == null ? null : t.template;
    }

    // ------------------------------------------------------------------------------------------------------------
    // document plumbing

    private void applyErrata(Map<String, String> errata) {
        for (Map.Entry<String, String> e : errata.entrySet()) {
            String key = e.getKey();
            JsonNode replacement = parse(e.getValue());
            if (key.contains(" ")) {
                String[] parts = key.split(" ");
                if (parts.length != 3
                        || doc.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT)).isMissingNode()) {
                    throw new IllegalStateException("erratum " + key + ": no such operation in the document");
                }
                responseOverrides.put(key, replacement);
                continue;
            }
            int hash = key.indexOf('#');
            String name = hash < 0 ? key : key.substring(0, hash);
            if (!schemas.containsKey(name)) {
                throw new IllegalStateException("erratum " + key + ": no schema " + name + " in the document");
            }
            if (hash < 0) {
                schemas.put(name, replacement);
                continue;
            }
            String pointer = key.substring(hash + 1);
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = schemas.get(name).at(pointer.substring(0, slash));
            if (!(parent instanceof ObjectNode obj)) {
                throw new IllegalStateException("erratum " + key + ": parent of the pointer is not in the document");
            }
            obj.set(unescape(pointer.substring(slash + 1)), replacement);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad JSON in errata: " + json, e);
        }
    }

    private JsonNode pickResponse(JsonNode responses, int status) {
        JsonNode r = responses.get(Integer.toString(status));
        if (r == null) r = responses.get((status / 100) + "XX");
        if (r == null) r = responses.get((status / 100) + "xx");
        if (r == null) r = responses.get("default");
        return r == null ? null : resolveRef(r);
    }

    /** Resolves a (possibly chained) local $ref of a parameter/requestBody/response object. */
    private JsonNode resolveRef(JsonNode node) {
        Set<String> seen = new HashSet<>();
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!seen.add(ref)) return null;
            node = lookup(ref);
        }
        return node;
    }

    private JsonNode lookup(String ref) {
        String prefix = "#/components/schemas/";
        if (ref.startsWith(prefix) && ref.indexOf('/', prefix.length()) < 0) {
            return schemas.get(unescape(ref.substring(prefix.length())));
        }
        if (ref.startsWith("#/")) {
            JsonNode n = doc.at(ref.substring(1));
            return n.isMissingNode() ? null : n;
        }
        return null;
    }

    private PathTemplate match(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) p = p.substring(0, q);
        if (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        String[] segs = p.split("/", -1);
        PathTemplate best = null;
        for (PathTemplate t : templates) {
            if (t.matches(segs) && (best == null || t.moreSpecificThan(best))) best = t;
        }
        return best;
    }

    private record PathTemplate(String template, String[] segs) {
        static PathTemplate of(String template) {
            return new PathTemplate(template, template.split("/", -1));
        }

        static boolean isVar(String s) {
            return s.startsWith("{") && s.endsWith("}");
        }

        boolean matches(String[] concrete) {
            if (concrete.length != segs.length) return false;
            for (int i = 0; i < segs.length; i++) {
                if (isVar(segs[i])) {
                    if (concrete[i].isEmpty()) return false;
                } else if (!segs[i].equals(concrete[i])) {
                    return false;
                }
            }
            return true;
        }

        /** Literal segments win over variables, earliest difference first. */
        boolean moreSpecificThan(PathTemplate other) {
            for (int i = 0; i < segs.length; i++) {
                boolean a = isVar(segs[i]);
                boolean b = isVar(other.segs[i]);
                if (a != b) return !a;
            }
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // schema validation

    private record Violation(String pointer, String rule, String detail) {
        String render() {
            return (pointer.isEmpty() ? "/" : pointer) + ": [" + rule + "] " + detail;
        }
    }

    private List<String> validateBody(JsonNode schema, String jsonBody) {
        JsonNode instance;
        try {
            if (jsonBody == null || jsonBody.isBlank()) {
                return List.of("/: [json] body is empty, expected JSON");
            }
            instance = MAPPER.readTree(jsonBody);
        } catch (JsonProcessingException e) {
            return List.of("/: [json] body is not valid JSON: " + e.getOriginalMessage());
        }
        List<Violation> out = new ArrayList<>();
        validate(schema, instance, "", out, new HashSet<>());
        List<String> msgs = new ArrayList<>(out.size());
        for (Violation v : out) msgs.add(v.render());
        return msgs;
    }

    /**
     * @param active "$ref@pointer" pairs being expanded; a repeat means a $ref cycle that consumes no instance data,
     *               which is cut off (treated as valid) instead of recursing forever.
     */
    private void validate(JsonNode schema, JsonNode node, String ptr, List<Violation> out, Set<String> active) {
        if (schema == null || schema.isMissingNode() || !schema.isObject()) {
            return; // {} / true / unknown: anything goes
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = lookup(ref);
            if (target == null) {
                out.add(new Violation(ptr, "$ref", "unresolvable reference " + ref));
                return;
            }
            String key = ref + "@" + ptr;
            if (!active.add(key)) return;
            try {
                validate(target, node, ptr, out, active);
            } finally {
                active.remove(key);
            }
            return;
        }

        if (node.isNull()) {
            if (schema.path("nullable").asBoolean(false)) return;
            if (schema.has("type")) {
                out.add(new Violation(ptr, "type", "expected " + schema.get("type").asText()
                    + " but was null (not nullable)"));
                return;
            }
        }

        String type = schema.path("type").asText(null);
        if (type != null && !hasType(node, type)) {
            out.add(new Violation(ptr, "type", "expected " + type + " but was " + describe(node)));
            return;
        }

        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                if (sameValue(e, node)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                out.add(new Violation(ptr, "enum", "value " + abbreviate(node) + " is not one of "
                    + abbreviate(schema.get("enum"))));
            }
        }

        if (node.isTextual()) checkString(schema, node.asText(), ptr, out);
        if (node.isNumber()) checkNumber(schema, node.decimalValue(), ptr, out);

        if (node.isObject()) {
            JsonNode props = schema.path("properties");
            for (JsonNode r : schema.path("required")) {
                if (!node.has(r.asText())) {
                    out.add(new Violation(ptr + "/" + escape(r.asText()), "required",
                        "missing required property '" + r.asText() + "'"));
                }
            }
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String child = ptr + "/" + escape(f.getKey());
                JsonNode ps = props.get(f.getKey());
                if (ps != null) {
                    validate(ps, f.getValue(), child, out, active);
                } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    out.add(new Violation(child, "additionalProperties",
                        "property '" + f.getKey() + "' is not allowed"));
                } else if (additional != null && additional.isObject()) {
                    validate(additional, f.getValue(), child, out, active);
                }
            }
        }

        if (node.isArray()) {
            if (schema.has("minItems") && node.size() < schema.get("minItems").asInt()) {
                out.add(new Violation(ptr, "minItems", "array has " + node.size() + " items, fewer than "
                    + schema.get("minItems").asInt()));
            }
            if (schema.has("maxItems") && node.size() > schema.get("maxItems").asInt()) {
                out.add(new Violation(ptr, "maxItems", "array has " + node.size() + " items, more than "
                    + schema.get("maxItems").asInt()));
            }
            JsonNode items = schema.get("items");
            if (items != null) {
                for (int i = 0; i < node.size(); i++) {
                    validate(items, node.get(i), ptr + "/" + i, out, active);
                }
            }
        }

        for (JsonNode sub : schema.path("allOf")) {
            validate(sub, node, ptr, out, active);
        }
        if (schema.has("anyOf")) validateAlternatives("anyOf", schema.get("anyOf"), node, ptr, out, active);
        if (schema.has("oneOf")) validateAlternatives("oneOf", schema.get("oneOf"), node, ptr, out, active);
    }

    private void validateAlternatives(String keyword, JsonNode branches, JsonNode node, String ptr,
                                      List<Violation> out, Set<String> active) {
        if (branches.isEmpty()) return;
        List<Violation> closest = null;
        int closestScore = Integer.MAX_VALUE;
        String closestName = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            JsonNode b = branches.get(i);
            String name = branchName(b, i);
            names.add(name);
            List<Violation> tmp = new ArrayList<>();
            validate(b, node, ptr, tmp, active);
            if (tmp.isEmpty()) return; // lenient oneOf: first match wins (see class comment)
            // a type mismatch at this very node means the branch is about a different shape: rank it last
            boolean wrongShape = tmp.stream().anyMatch(v -> v.pointer.equals(ptr) && v.rule.equals("type"));
            int score = (wrongShape ? 1_000_000 : 0) + tmp.size();
            if (score < closestScore) {
                closestScore = score;
                closest = tmp;
                closestName = name;
            }
        }
        out.add(new Violation(ptr, keyword, "matches none of " + names + "; closest is " + closestName
            + ", whose violations follow"));
        for (Violation v : closest) {
            out.add(new Violation(v.pointer, v.rule, v.detail + " (" + keyword + " branch " + closestName + ")"));
        }
    }

    private static String branchName(JsonNode b, int i) {
        if (b.has("$ref")) return refName(b.get("$ref").asText());
        if ("array".equals(b.path("type").asText()) && b.path("items").has("$ref")) {
            return "array<" + refName(b.path("items").get("$ref").asText()) + ">";
        }
        if (b.has("title")) return "'" + b.get("title").asText() + "'";
        return "#" + i + (b.has("type") ? "(" + b.get("type").asText() + ")" : "");
    }

    private static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static boolean hasType(JsonNode n, String type) {
        return switch (type) {
            case "object" -> n.isObject();
            case "array" -> n.isArray();
            case "string" -> n.isTextual();
            case "boolean" -> n.isBoolean();
            case "number" -> n.isNumber();
            case "integer" -> n.isIntegralNumber()
                || (n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0);
            default -> true; // unknown type keyword: ignore
        };
    }

    private static void checkString(JsonNode schema, String s, String ptr, List<Violation> out) {
        int len = s.codePointCount(0, s.length());
        if (schema.has("minLength") && len < schema.get("minLength").asInt()) {
            out.add(new Violation(ptr, "minLength", "string of length " + len + " is shorter than "
                + schema.get("minLength").asInt()));
        }
        if (schema.has("maxLength") && len > schema.get("maxLength").asInt()) {
            out.add(new Violation(ptr, "maxLength", "string of length " + len + " is longer than "
                + schema.get("maxLength").asInt()));
        }
        if (schema.has("pattern")) {
            String pattern = schema.get("pattern").asText();
            try {
                if (!java.util.regex.Pattern.compile(pattern).matcher(s).find()) {
                    out.add(new Violation(ptr, "pattern", "\"" + s + "\" does not match /" + pattern + "/"));
                }
            } catch (java.util.regex.PatternSyntaxException ignored) {
                // ECMA regex Java cannot compile: ignore, like any unknown keyword
            }
        }
        if ("date-time".equals(schema.path("format").asText()) && !isDateTime(s)) {
            out.add(new Violation(ptr, "format", "\"" + s + "\" is not an ISO-8601 date-time with offset"
                + " (format date-time)"));
        }
    }

    static boolean isDateTime(String s) {
        try {
            OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void checkNumber(JsonNode schema, BigDecimal v, String ptr, List<Violation> out) {
        if (schema.has("minimum")) {
            BigDecimal min = schema.get("minimum").decimalValue();
            boolean excl = schema.path("exclusiveMinimum").asBoolean(false);
            int c = v.compareTo(min);
            if (c < 0 || (excl && c == 0)) {
                out.add(new Violation(ptr, "minimum", v.toPlainString() + " is below the minimum "
                    + (excl ? "(exclusive) " : "") + min.toPlainString()));
            }
        }
        if (schema.has("maximum")) {
            BigDecimal max = schema.get("maximum").decimalValue();
            boolean excl = schema.path("exclusiveMaximum").asBoolean(false);
            int c = v.compareTo(max);
            if (c > 0 || (excl && c == 0)) {
                out.add(new Violation(ptr, "maximum", v.toPlainString() + " is above the maximum "
                    + (excl ? "(exclusive) " : "") + max.toPlainString()));
            }
        }
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }

    /** Query values arrive as strings; check them against the parameter schema's type/enum only. */
    private String checkQueryValue(JsonNode schema, String v) {
        JsonNode s = resolveRef(schema);
        if (s == null) return null;
        String type = s.path("type").asText("");
        switch (type) {
            case "integer" -> {
                try {
                    Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return "[type] value \"" + v + "\" is not an integer";
                }
            }
            case "number" -> {
                try {
                    new BigDecimal(v);
                } catch (NumberFormatException e) {
                    return "[type] value \"" + v + "\" is not a number";
                }
            }
            case "boolean" -> {
                if (!v.equals("true") && !v.equals("false")) return "[type] value \"" + v + "\" is not a boolean";
            }
            default -> { }
        }
        JsonNode en = s.has("enum") ? s.get("enum") : s.path("items").path("enum");
        if (en.isArray() && !en.isEmpty()) {
            Set<String> allowed = new LinkedHashSet<>();
            en.forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(v)) return "[enum] value \"" + v + "\" is not one of " + allowed;
        }
        return null;
    }

    private static String describe(JsonNode n) {
        if (n.isObject()) return "object";
        if (n.isArray()) return "array";
        if (n.isNull()) return "null";
        if (n.isTextual()) return "string " + abbreviate(n);
        if (n.isBoolean()) return "boolean " + n.asText();
        if (n.isIntegralNumber()) return "integer " + n.asText();
        if (n.isNumber()) return "number " + n.asText();
        return n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}

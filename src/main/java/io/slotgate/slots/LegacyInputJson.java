package io.slotgate.slots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.json.Jackson;

import java.util.List;
import java.util.Map;

/** The 2024-04-15 input and its validation errors as Nest prints them: class-validator's error, the DTO's JSON. */
final class LegacyInputJson {
    private static final ObjectMapper MAPPER = Jackson.MAPPER;

    private LegacyInputJson() {
    }

    static ObjectNode error(Map<String, Object> values, String property, Object value, ObjectNode constraints) {
        ObjectNode e = MAPPER.createObjectNode();
        e.set("target", target(values));
        if (value != LegacySlotsInput.UNDEFINED) {
            e.set("value", json(value));
        }
        e.put("property", property);
        e.putArray("children");
        e.set("constraints", constraints);
        return e;
    }

    /** The DTO instance as {@code JSON.stringify} prints it: the kept keys in query order, NaN as null. */
    static ObjectNode target(Map<String, Object> values) {
        ObjectNode target = MAPPER.createObjectNode();
        values.forEach((k, v) -> {
            if (v != LegacySlotsInput.UNDEFINED) {
                target.set(k, json(v));
            }
        });
        return target;
    }

    private static JsonNode json(Object v) {
        if (v instanceof Double d && d.isNaN()) {
            return MAPPER.nullNode();
        }
        if (v instanceof List<?> list) {
            ArrayNode array = MAPPER.createArrayNode();
            list.forEach(x -> array.add(json(x)));
            return array;
        }
        return MAPPER.valueToTree(v);
    }
}

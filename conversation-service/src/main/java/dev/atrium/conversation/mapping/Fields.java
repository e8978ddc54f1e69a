package dev.atrium.conversation.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.ConversationErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;

/**
 * Reads request bodies field by field, so that a wrong JSON type is a 400 naming the field, never a 500.
 * Absent and JSON null are the same: "not given".
 */
public final class Fields {

    private Fields() {
    }

    public static JsonNode body(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return Json.object();
        }
        if (!body.isObject()) {
            throw bad("the request body must be a JSON object");
        }
        return body;
    }

    public static Optional<String> text(JsonNode body, String field, int maxLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw bad(field + " must be a string");
        }
        String s = v.asText();
        if (s.length() > maxLength) {
            throw bad(field + " must be at most " + maxLength + " characters");
        }
        return Optional.of(s);
    }

    public static String requiredText(JsonNode body, String field, int maxLength) {
        return text(body, field, maxLength).filter(s -> !s.isBlank())
                .orElseThrow(() -> bad(field + " is required"));
    }

    /** An id field (string or number). */
    public static Optional<Long> id(JsonNode body, String field) {
        return text(body, field, 32).filter(s -> !s.isBlank())
                .map(s -> Ids.parse(s).orElseThrow(() -> bad(field + " is not a valid id")));
    }

    public static Optional<Boolean> bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw bad(field + " must be true or false");
        }
        return Optional.of(v.booleanValue());
    }

    public static Optional<Double> number(JsonNode body, String field, double min, double max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw bad(field + " must be a number");
        }
        double d = v.doubleValue();
        if (d < min || d > max) {
            throw bad(field + " must be between " + fmt(min) + " and " + fmt(max));
        }
        return Optional.of(d);
    }

    public static Optional<Integer> integer(JsonNode body, String field, int min, int max) {
        return number(body, field, min, max).map(d -> {
            if (d != Math.rint(d)) {
                throw bad(field + " must be a whole number");
            }
            return d.intValue();
        });
    }

    /** A JSON object; with {@code stringValues} every value must be a scalar and is kept as a string. */
    public static Optional<Map<String, Object>> object(JsonNode body, String field, boolean stringValues) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw bad(field + " must be a JSON object");
        }
        if (v.size() > 100) {
            throw bad(field + " may have at most 100 keys");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        v.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (stringValues) {
                if (!value.isValueNode()) {
                    throw bad(field + "." + e.getKey() + " must be a string");
                }
                out.put(e.getKey(), value.isNull() ? "" : value.asText());
            } else {
                out.put(e.getKey(), Json.MAPPER.convertValue(value, Object.class));
            }
        });
        if (Json.write(out).length() > 16_384) {
            throw bad(field + " must be at most 16 KiB of JSON");
        }
        return Optional.of(out);
    }

    public static List<JsonNode> array(JsonNode body, String field, int maxItems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw bad(field + " must be an array");
        }
        if (v.size() > maxItems) {
            throw bad(field + " may have at most " + maxItems + " items");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    public static DomainException bad(String message) {
        return new DomainException(ConversationErrors.INVALID_REQUEST, message);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

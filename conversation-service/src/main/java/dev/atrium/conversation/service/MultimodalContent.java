package dev.atrium.conversation.service;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.mapping.Json;

/**
 * Coze's {@code object_string} content: a JSON string holding an array of parts
 * {@code {type: text|image|file|audio, text?, file_id?, file_url?}}.
 */
public final class MultimodalContent {

    private static final Set<String> TYPES = Set.of("text", "image", "file", "audio");

    private MultimodalContent() {
    }

    public static JsonNode validate(String content) {
        JsonNode parts;
        try {
            parts = Json.MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw Fields.bad("object_string content must be a JSON array of parts");
        }
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            throw Fields.bad("object_string content must be a JSON array of parts");
        }
        for (JsonNode p : parts) {
            String type = p.path("type").asText("");
            if (!TYPES.contains(type)) {
                throw Fields.bad("each object_string part needs a type of " + TYPES);
            }
            if ("text".equals(type) && !p.path("text").isTextual()) {
                throw Fields.bad("a text part needs text");
            }
            if (!"text".equals(type) && !p.path("file_id").isTextual() && !p.path("file_url").isTextual()) {
                throw Fields.bad("a " + type + " part needs file_id or file_url");
            }
        }
        return parts;
    }
}

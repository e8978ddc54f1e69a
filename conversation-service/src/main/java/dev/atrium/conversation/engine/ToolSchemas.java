package dev.atrium.conversation.engine;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.mapping.Json;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/** JSON Schema documents (plugin tools, client tools) as langchain4j tool parameter schemas. */
public final class ToolSchemas {

    private static final String NAME = "[A-Za-z0-9_-]{1,64}";

    private ToolSchemas() {
    }

    public static JsonObjectSchema parse(String schemaJson) {
        if (schemaJson == null || schemaJson.isBlank()) {
            return JsonObjectSchema.builder().build();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(schemaJson);
            return element(node) instanceof JsonObjectSchema o ? o : JsonObjectSchema.builder().build();
        } catch (Exception e) {
            return JsonObjectSchema.builder().build();
        }
    }

    /**
     * Client-side tools of a chat request, in the OpenAI shape
     * {@code [{type:"function", function:{name, description, parameters}}]} (or the bare function object).
     */
    public static List<ToolSpecification> clientTools(List<JsonNode> tools) {
        List<ToolSpecification> out = new ArrayList<>();
        for (JsonNode t : tools) {
            JsonNode f = t.has("function") ? t.get("function") : t;
            String name = f.path("name").asText("");
            if (!name.matches(NAME)) {
                throw Fields.bad("each tool needs a function name of letters, digits, _ or - (at most 64)");
            }
            JsonNode params = f.path("parameters");
            if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
                throw Fields.bad("tool " + name + ": parameters must be a JSON Schema object");
            }
            out.add(ToolSpecification.builder().name(name).description(f.path("description").asText(""))
                    .parameters(params.isObject() ? parse(params.toString()) : JsonObjectSchema.builder().build()).build());
        }
        return out;
    }

    /** The tools a chat stored as the client sent them (a JSON array). */
    public static List<ToolSpecification> clientTools(JsonNode array) {
        List<JsonNode> tools = new ArrayList<>();
        array.forEach(tools::add);
        return clientTools(tools);
    }

    private static JsonSchemaElement element(JsonNode node) {
        String description = node.path("description").isTextual() ? node.get("description").asText() : null;
        if (node.has("enum") && node.get("enum").isArray()) {
            List<String> values = new ArrayList<>();
            node.get("enum").forEach(v -> values.add(v.asText()));
            return JsonEnumSchema.builder().enumValues(values).description(description).build();
        }
        String type = node.path("type").asText("object");
        return switch (type) {
            case "string" -> JsonStringSchema.builder().description(description).build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "array" -> JsonArraySchema.builder().description(description)
                    .items(node.has("items") ? element(node.get("items")) : JsonStringSchema.builder().build()).build();
            default -> {
                JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
                node.path("properties").properties().forEach(e -> b.addProperty(e.getKey(), element(e.getValue())));
                List<String> required = new ArrayList<>();
                node.path("required").forEach(r -> required.add(r.asText()));
                if (!required.isEmpty()) {
                    b.required(required);
                }
                yield b.build();
            }
        };
    }
}

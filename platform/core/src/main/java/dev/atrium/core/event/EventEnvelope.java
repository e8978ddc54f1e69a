package dev.atrium.core.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A domain event as it travels on Kafka: {@code id} (unique, consumers de-duplicate on it), {@code type}
 * ({@code user.registered}), {@code source} (the service), {@code time} (Unix seconds), {@code subject}
 * (the id of the thing it is about, also the record key) and {@code data}.
 */
public record EventEnvelope(String id, String type, String source, long time, String subject, JsonNode data) {
}

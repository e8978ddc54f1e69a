package dev.atrium.bot.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** A row of a memory table: who inserted it, when, and its values ({@code data}: field → value). */
public record TableRowView(String id, String userId, String connectorId, long createdAt, long updatedAt, JsonNode data) {
}

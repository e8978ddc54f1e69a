package dev.atrium.conversation.coze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.mapping.Json;
import dev.atrium.conversation.repository.MessageRepository;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;

/**
 * Query and body parameters of the Coze conversation endpoints, read from strings and trees: a typed JAX-RS
 * parameter that fails to convert is a bare 404, and a Coze client sending {@code page_size=abc} should learn
 * that its request was invalid (400 in conversation-service's range).
 */
final class CozeParams {

    /** Coze's page size for conversation lists: 50 by default, at most 50. */
    static final int MAX_PAGE_SIZE = 50;
    /** Coze's message list limit: 1-50, 50 by default. */
    static final int MAX_MESSAGES = 50;

    private CozeParams() {
    }

    /** {@code page_num} counts from 1; {@code page_size} is 1-50. */
    static PageQuery page(String pageNum, String pageSize, CommonErrors errors) {
        return PageQuery.ofPageNumber("page_num", pageNum, "page_size", pageSize, MAX_PAGE_SIZE, MAX_PAGE_SIZE, errors);
    }

    /** {@code sort_order}: {@code DESC} (newest first, also when absent) or {@code ASC}. */
    static boolean ascending(String sortOrder) {
        if (sortOrder == null || sortOrder.isEmpty() || sortOrder.equalsIgnoreCase("desc")) {
            return false;
        }
        if (sortOrder.equalsIgnoreCase("asc")) {
            return true;
        }
        throw Fields.bad("sort_order must be ASC or DESC");
    }

    /** Body of {@code message/list}: {@code order} desc|asc (desc by default), {@code chat_id, before_id, after_id, limit}. */
    static MessageRepository.Cursor messageCursor(String raw, CommonErrors errors) {
        JsonNode body = Fields.body(tree(raw, errors));
        String order = Fields.text(body, "order", 8).filter(s -> !s.isEmpty()).orElse("desc");
        if (!order.equalsIgnoreCase("desc") && !order.equalsIgnoreCase("asc")) {
            throw Fields.bad("order must be desc or asc");
        }
        int limit = Fields.integer(body, "limit", 1, MAX_MESSAGES).orElse(MAX_MESSAGES);
        return new MessageRepository.Cursor(Fields.id(body, "before_id").orElse(null),
                Fields.id(body, "after_id").orElse(null), Fields.id(body, "chat_id").orElse(null),
                order.equalsIgnoreCase("asc"), limit, 0);
    }

    /**
     * A body read as text, for endpoints some clients call without a body or a {@code Content-Type}, which a
     * JSON-typed parameter would refuse with 415.
     */
    private static JsonNode tree(String raw, CommonErrors errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new DomainException(errors.malformedBody(), "malformed request body: " + e.getOriginalMessage());
        }
    }

    static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw Fields.bad(name + " is required");
        }
        return value.strip();
    }
}

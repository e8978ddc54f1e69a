package dev.atrium.conversation.coze;

import java.util.List;

import dev.atrium.conversation.mapping.ConversationView;
import dev.atrium.conversation.mapping.MessageView;
import dev.atrium.core.api.CursorPage;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.RequestIds;

/**
 * The shapes of Coze's conversation and message API ({@code shared/reference/coze-open-api.md} §2.2, §2.3) that
 * differ from the plain envelope. The Python SDK rejects a response that lacks a field it requires (§9), so the
 * booleans are primitives and the cursor ids are {@code ""} rather than absent.
 */
public final class CozeConversationApi {

    private CozeConversationApi() {
    }

    /** {@code data} of {@code GET /v1/conversations}. */
    public record ConversationList(List<ConversationView> conversations, boolean hasMore) {

        static ConversationList of(Page<ConversationView> page) {
            return new ConversationList(page.items(), page.hasMore());
        }
    }

    /** {@code data} of {@code POST /v1/conversations/{id}/clear}: the new section. */
    public record Section(String id, String conversationId) {
    }

    /** {@code POST /v1/conversation/message/list}: the page sits at the top level, next to code and msg. */
    public record MessageList(int code, String msg, List<MessageView> data, boolean hasMore, String firstId,
                              String lastId, Envelope.Detail detail) {

        static MessageList of(CursorPage<MessageView> page) {
            return new MessageList(0, "", page.data(), page.hasMore(), orEmpty(page.firstId()), orEmpty(page.lastId()),
                    new Envelope.Detail(RequestIds.current()));
        }
    }

    /** {@code POST /v1/conversation/message/modify}: the message is top-level {@code message}, not {@code data}. */
    public record Modified(int code, String msg, MessageView message, Envelope.Detail detail) {

        static Modified of(MessageView message) {
            return new Modified(0, "", message, new Envelope.Detail(RequestIds.current()));
        }
    }

    private static String orEmpty(String id) {
        return id == null ? "" : id;
    }
}

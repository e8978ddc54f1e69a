package dev.atrium.conversation.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.Conversation;
import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.Message;
import dev.atrium.conversation.MessageFeedback;
import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.mapping.Json;
import dev.atrium.conversation.mapping.MessageView;
import dev.atrium.conversation.repository.FeedbackRepository;
import dev.atrium.conversation.repository.MessageRepository;
import dev.atrium.core.api.CursorPage;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.event.Outbox;
import dev.atrium.core.event.Topics;
import dev.atrium.core.id.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Messages of a conversation: history, adding without a reply, editing, deleting, feedback, the answer in use. */
@ApplicationScoped
public class MessageService {

    public static final String MESSAGE_CREATED = "message.created";
    public static final String FEEDBACK_GIVEN = "message.feedback";
    public static final int MAX_CONTENT = 100_000;
    private static final Set<String> ROLES = Set.of(Message.USER, Message.ASSISTANT);
    private static final Set<String> CONTENT_TYPES = Set.of("text", "object_string", "card");
    /** What a client may write: tool traffic and markers are the engine's, and the prompt relies on their shape. */
    private static final Set<String> TYPES = Set.of(Message.QUESTION, Message.ANSWER);

    /** A message as a client sends it. */
    public record NewMessage(String role, String type, String content, String contentType, Map<String, Object> metaData) {
    }

    private final MessageRepository messages;
    private final FeedbackRepository feedback;
    private final ConversationAccess access;
    private final Outbox outbox;

    public MessageService(MessageRepository messages, FeedbackRepository feedback, ConversationAccess access, Outbox outbox) {
        this.messages = messages;
        this.feedback = feedback;
        this.access = access;
        this.outbox = outbox;
    }

    /** Validates a client message: role user|assistant, content, content_type text|object_string|card. */
    public static NewMessage parseNew(JsonNode raw) {
        JsonNode m = Fields.body(raw);
        String role = Fields.text(m, "role", 16).orElse(Message.USER);
        if (!ROLES.contains(role)) {
            throw Fields.bad("role must be user or assistant");
        }
        String contentType = Fields.text(m, "content_type", 20).orElse("text");
        if (!CONTENT_TYPES.contains(contentType)) {
            throw Fields.bad("content_type must be one of " + CONTENT_TYPES);
        }
        String content = Fields.text(m, "content", MAX_CONTENT).orElse("");
        if (content.isBlank()) {
            throw Fields.bad("content is required");
        }
        if ("object_string".equals(contentType)) {
            MultimodalContent.validate(content);
        }
        String type = Fields.text(m, "type", 20).orElse(Message.USER.equals(role) ? Message.QUESTION : Message.ANSWER);
        if (!TYPES.contains(type)) {
            throw Fields.bad("type must be one of " + TYPES);
        }
        return new NewMessage(role, type, content, contentType, Fields.object(m, "meta_data", true).orElse(Map.of()));
    }

    /** Stores a message and announces it; called inside the transaction of whatever adds it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Message append(Conversation c, NewMessage n, Long chatId, Long replyTo) {
        Message m = new Message();
        m.id = Ids.next();
        m.conversationId = c.id;
        m.workspaceId = c.workspaceId;
        m.botId = c.botId;
        m.chatId = chatId;
        m.sectionId = c.sectionId;
        m.role = n.role();
        m.type = n.type();
        m.content = n.content();
        m.contentType = n.contentType();
        m.metaData = Json.write(n.metaData());
        m.reasoningContent = "";
        m.replyTo = replyTo;
        m.inUse = true;
        m.createdAt = Instant.now();
        m.updatedAt = m.createdAt;
        messages.persist(m);
        announce(m);
        c.lastMessageAt = m.createdAt;
        c.updatedAt = m.createdAt;
        return m;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(Message m) {
        Map<String, Object> data = new HashMap<>();
        data.put("message_id", Long.toString(m.id));
        data.put("conversation_id", Long.toString(m.conversationId));
        data.put("workspace_id", Long.toString(m.workspaceId));
        data.put("bot_id", m.botId == null ? "" : Long.toString(m.botId));
        data.put("chat_id", m.chatId == null ? "" : Long.toString(m.chatId));
        data.put("role", m.role);
        data.put("type", m.type);
        outbox.publish(Topics.CONVERSATION, MESSAGE_CREATED, Long.toString(m.conversationId), data);
    }

    /** {@code POST …/messages} with {@code reply:false} and Coze {@code message/create}: history only. */
    @Transactional
    public MessageView add(String conversationId, JsonNode body) {
        Conversation c = access.ownedForUpdate(conversationId);
        return MessageView.of(append(c, parseNew(body), null, null));
    }

    @Transactional
    public CursorPage<MessageView> list(String conversationId, MessageRepository.Cursor cursor) {
        Conversation c = access.owned(conversationId);
        List<Message> fetched = messages.page(c.id, cursor);
        return CursorPage.of(fetched.stream().map(MessageView::of).toList(), cursor.limit(), MessageView::id);
    }

    @Transactional
    public MessageView get(String conversationId, String messageId) {
        return MessageView.of(owned(access.owned(conversationId), messageId));
    }

    /** Edits content, content_type or meta_data of a message. */
    @Transactional
    public MessageView modify(String conversationId, String messageId, JsonNode raw) {
        JsonNode body = Fields.body(raw);
        Message m = owned(access.ownedForUpdate(conversationId), messageId);
        String contentType = Fields.text(body, "content_type", 20).orElse(m.contentType);
        if (!CONTENT_TYPES.contains(contentType)) {
            throw Fields.bad("content_type must be one of " + CONTENT_TYPES);
        }
        Fields.text(body, "content", MAX_CONTENT).ifPresent(content -> {
            if (content.isBlank()) {
                throw Fields.bad("content must not be empty");
            }
            m.content = content;
        });
        if ("object_string".equals(contentType)) {
            MultimodalContent.validate(m.content);
        }
        m.contentType = contentType;
        Fields.object(body, "meta_data", true).ifPresent(meta -> m.metaData = Json.write(meta));
        m.updatedAt = Instant.now();
        return MessageView.of(m);
    }

    @Transactional
    public MessageView delete(String conversationId, String messageId) {
        Message m = owned(access.ownedForUpdate(conversationId), messageId);
        MessageView view = MessageView.of(m);
        messages.delete(m);
        return view;
    }

    /**
     * Chooses which of a question's answers is in use: the one later turns see and history shows first.
     * The others are kept.
     */
    @Transactional
    public MessageView useAnswer(String conversationId, String messageId) {
        Message answer = owned(access.ownedForUpdate(conversationId), messageId);
        if (!Message.ANSWER.equals(answer.type) || answer.replyTo == null || answer.chatId == null) {
            throw new DomainException(ConversationErrors.NOT_AN_ANSWER);
        }
        messages.setInUse(answer.replyTo, answer.chatId);
        messages.getEntityManager().refresh(answer);
        return MessageView.of(answer);
    }

    /** Like or dislike an answer (one per user; {@code none} takes it back). */
    @Transactional
    public Map<String, Object> feedback(String conversationId, String messageId, JsonNode raw) {
        JsonNode body = Fields.body(raw);
        Message m = owned(access.owned(conversationId), messageId);
        if (!Message.ANSWER.equals(m.type)) {
            throw new DomainException(ConversationErrors.NOT_AN_ANSWER);
        }
        String kind = feedbackKind(body);
        String comment = Fields.text(body, "comment", 2000).or(() -> Fields.text(body, "text", 2000)).orElse("");
        long user = access.caller().userId();
        MessageFeedback f = feedback.of(m.id, user).orElse(null);
        if ("none".equals(kind)) {
            if (f != null) {
                feedback.delete(f);
            }
        } else {
            Instant now = Instant.now();
            if (f == null) {
                f = new MessageFeedback();
                f.messageId = m.id;
                f.userId = user;
                f.workspaceId = m.workspaceId;
                f.botId = m.botId;
                f.createdAt = now;
                f.kind = kind;
                f.comment = comment;
                f.updatedAt = now;
                feedback.persist(f);
            }
            f.kind = kind;
            f.comment = comment;
            f.updatedAt = now;
        }
        Map<String, Object> data = new HashMap<>();
        data.put("message_id", Long.toString(m.id));
        data.put("conversation_id", Long.toString(m.conversationId));
        data.put("bot_id", m.botId == null ? "" : Long.toString(m.botId));
        data.put("feedback", kind);
        outbox.publish(Topics.CONVERSATION, FEEDBACK_GIVEN, Long.toString(m.conversationId), data);
        return Map.of("message_id", Long.toString(m.id), "feedback", kind, "comment", "none".equals(kind) ? "" : comment);
    }

    /** {@code feedback: like|dislike|none} or the seed's {@code like_type: 1|-1|0}. */
    private static String feedbackKind(JsonNode body) {
        if (body.hasNonNull("like_type")) {
            int t = Fields.integer(body, "like_type", -1, 1).orElseThrow();
            return t > 0 ? "like" : t < 0 ? "dislike" : "none";
        }
        String kind = Fields.text(body, "feedback", 10).or(() -> Fields.text(body, "type", 10))
                .orElseThrow(() -> Fields.bad("feedback is required: like, dislike or none"));
        if (!Set.of("like", "dislike", "none").contains(kind)) {
            throw Fields.bad("feedback must be like, dislike or none");
        }
        return kind;
    }

    /** Likes and dislikes of a bot's answers. */
    @Transactional
    public Map<String, Long> feedbackCounts(long botId) {
        Map<String, Long> counts = new HashMap<>(Map.of("like", 0L, "dislike", 0L));
        counts.putAll(feedback.countsForBot(botId));
        return counts;
    }

    private Message owned(Conversation c, String messageId) {
        return Ids.parse(messageId).flatMap(id -> messages.findInConversation(id, c.id))
                .orElseThrow(() -> new DomainException(ConversationErrors.MESSAGE_NOT_FOUND));
    }
}

package dev.atrium.conversation.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.conversation.Chat;
import dev.atrium.conversation.Conversation;
import dev.atrium.conversation.Message;
import dev.atrium.conversation.engine.ChatJob;
import dev.atrium.conversation.mapping.Json;
import dev.atrium.conversation.repository.ChatRepository;
import dev.atrium.conversation.repository.ConversationRepository;
import dev.atrium.conversation.repository.MessageRepository;
import dev.atrium.core.error.ErrorCode;
import dev.atrium.core.event.Outbox;
import dev.atrium.core.event.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The engine's writes, each its own short transaction: the engine runs for seconds or minutes and never
 * holds a transaction or a row lock while a model streams.
 */
@ApplicationScoped
public class ChatStore {

    public static final String CHAT_COMPLETED = "chat.completed";
    public static final String CHAT_FAILED = "chat.failed";

    /** The section's earlier turns the model may see, the summary of older ones, and this chat's own messages. */
    public record Context(String summary, List<Message> history, List<Message> ownMessages, Message question) {
    }

    private final ChatRepository chats;
    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final MessageService messageService;
    private final Outbox outbox;

    public ChatStore(ChatRepository chats, MessageRepository messages, ConversationRepository conversations,
                     MessageService messageService, Outbox outbox) {
        this.chats = chats;
        this.messages = messages;
        this.conversations = conversations;
        this.messageService = messageService;
        this.outbox = outbox;
    }

    @Transactional
    public Chat chat(long id) {
        return chats.findById(id);
    }

    @Transactional
    public List<Long> cancelRequested(List<Long> ids) {
        return chats.cancelRequested(ids);
    }

    @Transactional
    public Context context(ChatJob job) {
        Conversation c = conversations.findById(job.conversationId());
        boolean summaryApplies = c.summary != null && c.summaryUpto != null && c.sectionId == job.sectionId();
        long after = summaryApplies ? c.summaryUpto : 0;
        List<Message> history = messages.context(job.conversationId(), job.sectionId(), after);
        Message question = job.questionId() == null ? null : messages.findById(job.questionId());
        if (question != null) {
            // a regenerated answer sees the turns before its question, not later ones or the other answers
            history = history.stream().filter(m -> m.id < question.id).toList();
        }
        List<Message> own = messages.ofChat(job.chatId()).stream()
                .filter(m -> !Message.QUESTION.equals(m.type) && !Message.VERBOSE.equals(m.type)).toList();
        return new Context(summaryApplies ? c.summary : null, history, own, question);
    }

    /** The unsummarised turns of a section and the current summary, for the summariser. */
    @Transactional
    public Context summaryInput(long conversationId, long sectionId) {
        Conversation c = conversations.findById(conversationId);
        if (c == null || c.sectionId != sectionId) {
            return new Context(null, List.of(), List.of(), null);
        }
        long after = c.summaryUpto == null ? 0 : c.summaryUpto;
        return new Context(c.summary, messages.context(conversationId, sectionId, after), List.of(), null);
    }

    @Transactional
    public void saveSummary(long conversationId, long sectionId, String summary, long upto) {
        Conversation c = conversations.findById(conversationId);
        // a clear (new section) or a newer summary since the summariser started wins
        if (c != null && c.sectionId == sectionId && (c.summaryUpto == null || c.summaryUpto < upto)) {
            c.summary = summary;
            c.summaryUpto = upto;
        }
    }

    /** Stores an assistant-side message of the chat (not in use until the chat completes). */
    @Transactional
    public Message save(ChatJob job, long id, String type, String content, Map<String, String> meta, String reasoning,
                        int inputTokens, int outputTokens, long latencyMs) {
        return save(job, id, Message.ASSISTANT, type, content, meta, reasoning, inputTokens, outputTokens, latencyMs);
    }

    private Message save(ChatJob job, long id, String role, String type, String content, Map<String, String> meta,
                         String reasoning, int inputTokens, int outputTokens, long latencyMs) {
        Message m = new Message();
        m.id = id;
        m.conversationId = job.conversationId();
        m.workspaceId = job.workspaceId();
        m.botId = job.botId();
        m.chatId = job.chatId();
        m.sectionId = job.sectionId();
        m.role = role;
        m.type = type;
        m.content = content;
        m.contentType = "text";
        m.metaData = Json.write(meta);
        m.reasoningContent = reasoning == null ? "" : reasoning;
        m.replyTo = job.questionId();
        m.inUse = false;
        m.inputTokens = inputTokens;
        m.outputTokens = outputTokens;
        m.latencyMs = latencyMs;
        m.createdAt = Instant.now();
        m.updatedAt = m.createdAt;
        if (job.autoSave()) {
            messages.persist(m);
            messageService.announce(m);
            Conversation c = conversations.findById(job.conversationId());
            c.lastMessageAt = m.createdAt;
            c.updatedAt = m.createdAt;
        }
        return m;
    }

    /** Tool outputs a client submitted for a chat waiting on them. */
    @Transactional
    public void saveToolOutput(ChatJob job, long id, String toolCallId, String name, String output) {
        save(job, id, Message.USER, Message.TOOL_OUTPUT, output, Map.of("tool_call_id", toolCallId, "name", name), "", 0, 0, 0);
    }

    @Transactional
    public Chat complete(ChatJob job, Long answerId, int inputTokens, int outputTokens, long latencyMs, String model) {
        Chat chat = finish(job.chatId(), Chat.COMPLETED, inputTokens, outputTokens, latencyMs, model);
        if (!Chat.COMPLETED.equals(chat.status)) {
            return chat;
        }
        chat.answerId = answerId;
        chat.completedAt = chat.updatedAt;
        if (job.questionId() != null && job.autoSave()) {
            // the new answer is the one in use; earlier answers to the question are kept beside it
            messages.setInUse(job.questionId(), job.chatId());
        }
        outbox.publish(Topics.CONVERSATION, CHAT_COMPLETED, Long.toString(chat.conversationId), eventData(chat));
        return chat;
    }

    @Transactional
    public Chat fail(ChatJob job, ErrorCode code, String message, int inputTokens, int outputTokens, long latencyMs,
                     String model) {
        Chat chat = finish(job.chatId(), Chat.FAILED, inputTokens, outputTokens, latencyMs, model);
        if (!Chat.FAILED.equals(chat.status) || chat.lastErrorCode != 0) {
            return chat;
        }
        chat.lastErrorCode = code.code();
        chat.lastErrorMsg = message;
        chat.failedAt = chat.updatedAt;
        Map<String, Object> data = eventData(chat);
        data.put("error_code", code.code());
        data.put("error_message", message);
        outbox.publish(Topics.CONVERSATION, CHAT_FAILED, Long.toString(chat.conversationId), data);
        return chat;
    }

    /** A canceled chat keeps what the model had said so far, as an answer in use. */
    @Transactional
    public Chat cancel(ChatJob job, Long partialAnswerId, int inputTokens, int outputTokens, long latencyMs, String model) {
        Chat chat = finish(job.chatId(), Chat.CANCELED, inputTokens, outputTokens, latencyMs, model);
        if (!Chat.CANCELED.equals(chat.status)) {
            return chat;
        }
        chat.answerId = partialAnswerId;
        if (partialAnswerId != null && job.questionId() != null && job.autoSave()) {
            messages.setInUse(job.questionId(), job.chatId());
        }
        return chat;
    }

    @Transactional
    public Chat requireAction(ChatJob job, String requiredAction, int inputTokens, int outputTokens, long latencyMs,
                              String model) {
        // a cancel that arrived while the chat was about to wait for tool outputs wins
        Chat chat = chats.findForUpdate(job.chatId()).orElseThrow();
        finish(chat, chat.cancelRequested ? Chat.CANCELED : Chat.REQUIRES_ACTION, inputTokens, outputTokens, latencyMs, model);
        if (!Chat.REQUIRES_ACTION.equals(chat.status)) {
            return chat;
        }
        chat.requiredAction = requiredAction;
        return chat;
    }

    /**
     * Records the end of a run. A chat that already ended (declared dead and failed, or canceled while waiting)
     * keeps its status: a late result never overwrites it.
     */
    private Chat finish(long chatId, String status, int inputTokens, int outputTokens, long latencyMs, String model) {
        return finish(chats.findForUpdate(chatId).orElseThrow(), status, inputTokens, outputTokens, latencyMs, model);
    }

    private Chat finish(Chat chat, String status, int inputTokens, int outputTokens, long latencyMs, String model) {
        if (chat.isTerminal()) {
            return chat;
        }
        chat.status = status;
        chat.inputTokens += inputTokens;
        chat.outputTokens += outputTokens;
        chat.latencyMs += latencyMs;
        if (model != null) {
            chat.model = model;
        }
        chat.updatedAt = Instant.now();
        return chat;
    }

    private static Map<String, Object> eventData(Chat chat) {
        Map<String, Object> data = new HashMap<>();
        data.put("chat_id", Long.toString(chat.id));
        data.put("conversation_id", Long.toString(chat.conversationId));
        data.put("workspace_id", Long.toString(chat.workspaceId));
        data.put("bot_id", chat.botId == null ? "" : Long.toString(chat.botId));
        data.put("input_tokens", chat.inputTokens);
        data.put("output_tokens", chat.outputTokens);
        data.put("latency_ms", chat.latencyMs);
        data.put("model", chat.model == null ? "" : chat.model);
        return data;
    }
}

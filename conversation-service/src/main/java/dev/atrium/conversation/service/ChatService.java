package dev.atrium.conversation.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.Chat;
import dev.atrium.conversation.Conversation;
import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.Message;
import dev.atrium.conversation.ModelSettings;
import dev.atrium.conversation.client.BotClient;
import dev.atrium.conversation.config.ConversationConfig;
import dev.atrium.conversation.engine.ChatEngine;
import dev.atrium.conversation.engine.ChatJob;
import dev.atrium.conversation.engine.ChatRegistry;
import dev.atrium.conversation.engine.ChatRun;
import dev.atrium.conversation.engine.ModelParams;
import dev.atrium.conversation.engine.ToolSchemas;
import dev.atrium.conversation.mapping.ChatView;
import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.mapping.Json;
import dev.atrium.conversation.mapping.MessageView;
import dev.atrium.conversation.repository.ChatRepository;
import dev.atrium.conversation.repository.ConversationRepository;
import dev.atrium.conversation.repository.MessageRepository;
import dev.atrium.conversation.service.MessageService.NewMessage;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;
import dev.atrium.core.text.PromptTemplate;
import dev.atrium.core.identity.Caller;
import dev.atrium.proto.bot.v1.BotRuntime;
import dev.atrium.proto.bot.v1.KnowledgeBinding;
import dev.atrium.proto.bot.v1.ModelConfig;
import dev.atrium.proto.bot.v1.ModelTarget;
import dev.atrium.proto.bot.v1.ResolvedModel;
import dev.langchain4j.agent.tool.ToolSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Starting, resuming, regenerating and stopping chats. Everything that needs the caller (access checks,
 * bot-service, the token) happens here on the request thread; then the chat runs on its own virtual thread
 * ({@link ChatEngine}) and the request streams, waits or returns at once.
 */
@ApplicationScoped
public class ChatService {

    /** How long a cancel waits for the run to stop by itself before it ends the chat itself. */
    private static final long CANCEL_GRACE_MS = 700;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ChatService.class);

    /** A parsed chat request (native {@code /chat}, Coze {@code /v3/chat}, a message sent with a reply). */
    public record ChatInput(String conversationId, Long botId, String userId, List<NewMessage> messages, boolean stream,
                            boolean autoSave, Map<String, Object> metaData, Map<String, Object> customVariables,
                            List<ToolSpecification> clientTools, String clientToolsJson, String connectorId,
                            boolean suggestFollowUps) {
    }

    /** A chat that is running: its first state and the run to listen to. */
    public record Started(ChatView chat, ChatRun run, Conversation conversation, Optional<Message> question) {
    }

    /** How the chat's model, prompt and bindings were resolved. */
    private record Plan(BotRuntime runtime, ModelParams model, String systemPrompt, int contextRounds,
                        KnowledgeBinding knowledge, List<String> toolIds) {
    }

    private final ConversationAccess access;
    private final ConversationService conversationService;
    private final ConversationRepository conversations;
    private final ChatRepository chats;
    private final MessageRepository messages;
    private final MessageService messageService;
    private final BotClient bots;
    private final ChatRegistry registry;
    private final ChatEngine engine;
    private final ChatStore store;
    private final ConversationConfig config;

    public ChatService(ConversationAccess access, ConversationService conversationService,
                       ConversationRepository conversations, ChatRepository chats, MessageRepository messages,
                       MessageService messageService, BotClient bots, ChatRegistry registry, ChatEngine engine,
                       ChatStore store, ConversationConfig config) {
        this.access = access;
        this.conversationService = conversationService;
        this.conversations = conversations;
        this.chats = chats;
        this.messages = messages;
        this.messageService = messageService;
        this.bots = bots;
        this.registry = registry;
        this.engine = engine;
        this.store = store;
        this.config = config;
    }

    /**
     * Reads a chat body: {@code bot_id, user_id, additional_messages} (or a plain {@code query}/{@code content}),
     * {@code stream, auto_save_history, meta_data, custom_variables, tools}.
     */
    public static ChatInput parse(String conversationId, JsonNode raw, boolean defaultStream) {
        JsonNode body = Fields.body(raw);
        List<NewMessage> msgs = new ArrayList<>();
        for (JsonNode m : Fields.array(body, "additional_messages", 50)) {
            msgs.add(MessageService.parseNew(m));
        }
        Optional<String> query = Fields.text(body, "query", MessageService.MAX_CONTENT)
                .or(() -> Fields.text(body, "content", MessageService.MAX_CONTENT))
                .or(() -> Fields.text(body, "message", MessageService.MAX_CONTENT));
        query.filter(q -> !q.isBlank()).ifPresent(q -> msgs.add(MessageService.parseNew(Json.object().put("role", Message.USER)
                .put("content", q).put("content_type", Fields.text(body, "content_type", 20).orElse("text")))));
        if (msgs.stream().noneMatch(m -> Message.USER.equals(m.role()))) {
            throw Fields.bad("a chat needs a user message: additional_messages with role user, or query");
        }
        boolean autoSave = Fields.bool(body, "auto_save_history").orElse(true);
        if (!autoSave && !Fields.array(body, "tools", 64).isEmpty()) {
            throw Fields.bad("client-side tools need auto_save_history: the chat resumes from its stored tool calls");
        }
        String conversation = conversationId != null && !conversationId.isBlank() ? conversationId
                : Fields.text(body, "conversation_id", 32).filter(s -> !s.isBlank()).orElse(null);
        return new ChatInput(conversation, Fields.id(body, "bot_id").orElse(null),
                Fields.text(body, "user_id", 128).filter(s -> !s.isBlank()).orElse(null), msgs,
                Fields.bool(body, "stream").orElse(defaultStream), autoSave,
                Fields.object(body, "meta_data", true).orElse(Map.of()),
                Fields.object(body, "custom_variables", true).orElse(Map.of()),
                ToolSchemas.clientTools(Fields.array(body, "tools", 64)),
                body.path("tools").isArray() && !body.path("tools").isEmpty() ? body.get("tools").toString() : null,
                Fields.text(body, "connector_id", 32).filter(s -> !s.isBlank()).orElse(ConversationService.API_CONNECTOR),
                Fields.bool(body, "suggest_follow_ups").orElse(false));
    }

    public Started start(ChatInput input) {
        Caller caller = access.caller();
        Conversation existing = input.conversationId() == null ? null : access.owned(input.conversationId());
        Long botId = existing != null ? existing.botId : input.botId();
        if (existing != null && input.botId() != null && !input.botId().equals(existing.botId)) {
            throw Fields.bad("the conversation belongs to another bot");
        }
        if (existing == null && botId == null) {
            throw Fields.bad("bot_id is required when no conversation_id is given");
        }
        if (access.keyBot().isPresent() && !access.keyBot().get().equals(botId)) {
            throw new DomainException(ConversationErrors.BOT_NOT_FOUND);
        }
        String endUser = input.userId() != null ? input.userId()
                : existing != null ? existing.endUserId : Long.toString(caller.userId());
        Plan plan = plan(existing, botId, endUser, input.connectorId(), input.customVariables());
        registry.reserve();
        try {
            Opened opened = open(existing == null ? null : existing.id, plan, botId, endUser, input);
            ChatJob job = new ChatJob(opened.chat.id, opened.conversation.id, opened.conversation.workspaceId, botId,
                    opened.conversation.sectionId, endUser, input.connectorId(),
                    opened.question.map(q -> q.id).orElse(null), input.autoSave() ? List.of() : input.messages(),
                    caller.rawToken(), plan.systemPrompt(), plan.model(), plan.contextRounds(), plan.knowledge(),
                    plan.toolIds(), input.clientTools(), false, input.autoSave(), input.suggestFollowUps());
            return launch(job, opened.chat, opened.conversation, opened.question);
        } catch (RuntimeException e) {
            registry.release();
            throw e;
        }
    }

    private record Opened(Conversation conversation, Chat chat, Optional<Message> question) {
    }

    @Transactional
    Opened open(Long conversationId, Plan plan, Long botId, String endUser, ChatInput input) {
        Conversation c = conversationId == null
                ? conversationService.createForChat(plan.runtime(), botId, endUser, input.connectorId())
                : conversations.findLiveForUpdate(conversationId).orElseThrow(() -> new DomainException(ConversationErrors.CONVERSATION_NOT_FOUND));
        Chat chat = newChat(c, endUser, input.metaData(), input.clientToolsJson(), input.autoSave());
        Message question = null;
        if (input.autoSave()) {
            for (NewMessage m : input.messages()) {
                Message saved = messageService.append(c, m, chat.id, null);
                if (Message.USER.equals(m.role())) {
                    question = saved;
                }
            }
        }
        chat.questionId = question == null ? null : question.id;
        return new Opened(c, chat, Optional.ofNullable(question));
    }

    /** A new running chat in a locked conversation: refused while another runs (a dead one is cleared first). */
    private Chat newChat(Conversation c, String endUser, Map<String, Object> meta, String clientToolsJson,
                         boolean autoSave) {
        Instant now = Instant.now();
        for (Chat open : chats.open(c.id)) {
            if (Chat.REQUIRES_ACTION.equals(open.status)) {
                // a new question abandons tool calls nobody answered
                open.status = Chat.CANCELED;
                open.updatedAt = now;
            } else if (open.updatedAt.isBefore(now.minus(config.engine().maxChatDuration()))) {
                open.status = Chat.FAILED;
                open.lastErrorCode = ConversationErrors.MODEL_TIMEOUT.code();
                open.lastErrorMsg = "the chat did not finish in time";
                open.failedAt = now;
                open.updatedAt = now;
            } else {
                throw new DomainException(ConversationErrors.CHAT_IN_PROGRESS);
            }
        }
        chats.flush();
        Chat chat = new Chat();
        chat.id = Ids.next();
        chat.conversationId = c.id;
        chat.workspaceId = c.workspaceId;
        chat.botId = c.botId;
        chat.sectionId = c.sectionId;
        chat.endUserId = endUser;
        chat.status = Chat.IN_PROGRESS;
        chat.metaData = Json.write(meta);
        // kept as the client sent them, so a resumed chat offers the same functions with their parameters
        chat.clientTools = clientToolsJson;
        chat.lastErrorMsg = "";
        chat.autoSave = autoSave;
        chat.createdAt = now;
        chat.updatedAt = now;
        chats.persist(chat);
        return chat;
    }

    private Started launch(ChatJob job, Chat chat, Conversation c, Optional<Message> question) {
        ChatRun run = new ChatRun(job.chatId(), job.conversationId());
        registry.launch(run, () -> engine.run(job, run));
        return new Started(ChatView.of(chat, Chat.IN_PROGRESS), run, c, question);
    }

    private Plan plan(Conversation c, Long botId, String endUser, String connector, Map<String, Object> custom) {
        Map<String, String> values = new HashMap<>();
        if (c != null) {
            Json.map(c.variables).forEach((k, v) -> values.put(k, String.valueOf(v)));
        }
        custom.forEach((k, v) -> values.put(k, String.valueOf(v)));
        if (botId != null) {
            BotRuntime runtime = bots.runtimeForChat(botId, endUser, connector);
            ModelConfig m = runtime.getModel();
            Map<String, String> merged = new HashMap<>(runtime.getVariableValuesMap());
            merged.putAll(values);
            String prompt = values.isEmpty() ? runtime.getSystemPrompt() : PromptTemplate.fill(runtime.getSystemPromptTemplate(), merged);
            ModelParams params = ModelParams.of(runtime);
            int rounds = m.getContextRounds() > 0 ? m.getContextRounds() : config.engine().defaultContextRounds();
            return new Plan(runtime, params, prompt, rounds, runtime.hasKnowledge() ? runtime.getKnowledge() : null,
                    runtime.getToolIdsList());
        }
        ModelSettings s = Json.MAPPER.convertValue(Json.tree(c.modelConfig), ModelSettings.class);
        ResolvedModel resolved = bots.resolveModel(c.workspaceId, s.providerId(), s.model());
        List<ModelTarget> chain = new ArrayList<>();
        chain.add(resolved.getTarget());
        chain.addAll(resolved.getFallbackList());
        ModelParams params = new ModelParams(chain, s.temperature(), s.topP(), s.maxTokens(), null, null,
                s.thinkingEnabled(), "text");
        return new Plan(null, params, s.systemPrompt() == null ? "" : PromptTemplate.fill(s.systemPrompt(), values),
                config.engine().defaultContextRounds(), null, List.of());
    }

    /** Coze {@code /v3/chat/retrieve}. */
    @Transactional
    public ChatView retrieve(String conversationId, String chatId) {
        return ChatView.of(owned(conversationId, chatId));
    }

    /** Coze {@code /v3/chat/message/list}: what the chat produced (not the question). */
    @Transactional
    public List<MessageView> chatMessages(String conversationId, String chatId) {
        Chat chat = owned(conversationId, chatId);
        List<MessageView> out = new ArrayList<>(messages.ofChat(chat.id).stream()
                .filter(m -> !Message.USER.equals(m.role) || Message.TOOL_OUTPUT.equals(m.type)).map(MessageView::of).toList());
        if (Chat.COMPLETED.equals(chat.status)) {
            // the stream's answer-finish marker is not stored; Coze lists it with the chat's messages
            out.add(MessageView.of(finishMarker(chat)));
        }
        return out;
    }

    private static Message finishMarker(Chat chat) {
        Message m = new Message();
        m.id = Ids.next();
        m.conversationId = chat.conversationId;
        m.botId = chat.botId;
        m.chatId = chat.id;
        m.sectionId = chat.sectionId;
        m.role = Message.ASSISTANT;
        m.type = Message.VERBOSE;
        m.content = ChatEngine.FINISH_MARKER;
        m.contentType = "text";
        m.metaData = "{}";
        m.replyTo = chat.questionId;
        m.createdAt = chat.completedAt == null ? chat.updatedAt : chat.completedAt;
        m.updatedAt = m.createdAt;
        return m;
    }

    private Chat owned(String conversationId, String chatId) {
        Conversation c = access.owned(conversationId);
        return Ids.parse(chatId).flatMap(id -> chats.findInConversation(id, c.id))
                .orElseThrow(() -> new DomainException(ConversationErrors.CHAT_NOT_FOUND));
    }

    /**
     * Stops a running chat within about a second, wherever it runs: the request is written to the chat's
     * row (other replicas poll for it) and applied at once when the chat runs here.
     */
    public ChatView cancel(String conversationId, String chatId) {
        Chat chat = requestCancel(conversationId, chatId);
        if (chat.isTerminal()) {
            return ChatView.of(chat);
        }
        Optional<ChatRun> local = registry.find(chat.id);
        LOG.debugf("chat %d: cancel requested (%s)", chat.id, local.isPresent() ? "running here" : "running elsewhere");
        if (local.isPresent()) {
            local.get().cancel();
            try {
                local.get().finished().get(CANCEL_GRACE_MS, TimeUnit.MILLISECONDS);
                return ChatView.of(store.chat(chat.id));
            } catch (TimeoutException | ExecutionException e) {
                // the run is busy (a tool call, a slow write): it is ended from here below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A run on another replica sees the request within its poll interval; one that is busy, or whose replica
        // died, would keep the caller waiting. The chat ends canceled now, this replica's stream gets its last
        // events, and whatever the run produces later never overwrites the ended chat.
        Chat ended = markCanceled(chat.id);
        if (Chat.CANCELED.equals(ended.status)) {
            local.ifPresent(run -> engine.endCanceled(run, ended));
        }
        return ChatView.of(ended);
    }

    @Transactional
    Chat requestCancel(String conversationId, String chatId) {
        Chat chat = owned(conversationId, chatId);
        Chat locked = chats.findForUpdate(chat.id).orElseThrow();
        if (locked.isTerminal()) {
            throw new DomainException(ConversationErrors.CHAT_NOT_RUNNING);
        }
        if (Chat.REQUIRES_ACTION.equals(locked.status)) {
            locked.status = Chat.CANCELED;
            locked.updatedAt = Instant.now();
            return locked;
        }
        locked.cancelRequested = true;
        return locked;
    }

    @Transactional
    Chat markCanceled(long chatId) {
        Chat chat = chats.findForUpdate(chatId).orElseThrow();
        if (!chat.isTerminal()) {
            chat.status = Chat.CANCELED;
            chat.lastErrorCode = ConversationErrors.CHAT_CANCELED.code();
            chat.lastErrorMsg = ConversationErrors.CHAT_CANCELED.message();
            chat.updatedAt = Instant.now();
        }
        return chat;
    }

    /** Coze {@code submit_tool_outputs}: the client's results of a {@code requires_action} chat; the chat resumes. */
    public Started submitToolOutputs(String conversationId, String chatId, JsonNode raw) {
        JsonNode body = Fields.body(raw);
        Map<String, String> outputs = new HashMap<>();
        for (JsonNode o : Fields.array(body, "tool_outputs", 64)) {
            // a missing id is as wrong as an unknown one: both name no pending call
            String id = Fields.text(o, "tool_call_id", 200).filter(s -> !s.isBlank()).orElseThrow(
                    () -> new DomainException(ConversationErrors.INVALID_TOOL_OUTPUTS, "tool_call_id is required"));
            String output = Fields.text(o, "output", MessageService.MAX_CONTENT).orElse("");
            if (outputs.put(id, output) != null) {
                throw new DomainException(ConversationErrors.INVALID_TOOL_OUTPUTS, "tool_call_id " + id + " is given twice");
            }
        }
        if (outputs.isEmpty()) {
            throw new DomainException(ConversationErrors.INVALID_TOOL_OUTPUTS, "tool_outputs is required");
        }
        Caller caller = access.caller();
        Chat chat = owned(conversationId, chatId);
        if (!Chat.REQUIRES_ACTION.equals(chat.status)) {
            throw new DomainException(ConversationErrors.CHAT_NOT_WAITING);
        }
        Conversation c = access.owned(conversationId);
        Plan plan = plan(c, c.botId, chat.endUserId, c.connectorId, Map.of());
        List<ToolSpecification> clientTools = chat.clientTools == null ? List.of()
                : ToolSchemas.clientTools(Json.tree(chat.clientTools));
        registry.reserve();
        try {
            ChatJob job = new ChatJob(chat.id, c.id, c.workspaceId, c.botId, chat.sectionId, chat.endUserId, c.connectorId,
                    chat.questionId, List.of(), caller.rawToken(), plan.systemPrompt(), plan.model(), plan.contextRounds(),
                    plan.knowledge(), plan.toolIds(), clientTools, true, chat.autoSave, false);
            resume(job, outputs);
            Chat fresh = store.chat(chat.id);
            return launch(job, fresh, c, Optional.empty());
        } catch (RuntimeException e) {
            registry.release();
            throw e;
        }
    }

    /**
     * Moves a waiting chat back to running once every pending call has an output, and stores the outputs, in one
     * transaction. Locks the conversation before the chat, in the same order as a new chat does.
     */
    @Transactional
    void resume(ChatJob job, Map<String, String> outputs) {
        conversations.findLiveForUpdate(job.conversationId()).orElseThrow(() -> new DomainException(ConversationErrors.CONVERSATION_NOT_FOUND));
        Chat chat = chats.findForUpdate(job.chatId()).orElseThrow();
        if (!Chat.REQUIRES_ACTION.equals(chat.status)) {
            throw new DomainException(ConversationErrors.CHAT_NOT_WAITING);
        }
        Map<String, String> pending = new HashMap<>();
        for (JsonNode call : Json.tree(chat.requiredAction).path("submit_tool_outputs").path("tool_calls")) {
            pending.put(call.path("id").asText(), call.path("function").path("name").asText());
        }
        Set<String> missing = new LinkedHashSet<>(pending.keySet());
        missing.removeAll(outputs.keySet());
        Set<String> unknown = new LinkedHashSet<>(outputs.keySet());
        unknown.removeAll(pending.keySet());
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new DomainException(ConversationErrors.INVALID_TOOL_OUTPUTS,
                    (missing.isEmpty() ? "" : "outputs missing for " + missing + " ") + (unknown.isEmpty() ? "" : "unknown tool_call_id " + unknown));
        }
        for (Chat other : chats.open(chat.conversationId)) {
            if (other.id != chat.id && !Chat.REQUIRES_ACTION.equals(other.status)) {
                throw new DomainException(ConversationErrors.CHAT_IN_PROGRESS);
            }
        }
        chat.status = Chat.IN_PROGRESS;
        chat.requiredAction = null;
        chat.cancelRequested = false;
        chat.updatedAt = Instant.now();
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            store.saveToolOutput(job, Ids.next(), e.getKey(), pending.get(e.getKey()), e.getValue());
        }
    }

    /**
     * A new answer to the question of {@code messageId} (an answer or the question itself). Every answer is
     * kept; the new one becomes the answer in use when it completes.
     */
    public Started regenerate(String conversationId, String messageId) {
        Caller caller = access.caller();
        Conversation c = access.owned(conversationId);
        Message target = Ids.parse(messageId).flatMap(id -> messages.findInConversation(id, c.id))
                .orElseThrow(() -> new DomainException(ConversationErrors.MESSAGE_NOT_FOUND));
        long questionId;
        if (Message.QUESTION.equals(target.type)) {
            questionId = target.id;
        } else if (Message.ANSWER.equals(target.type) && target.replyTo != null) {
            questionId = target.replyTo;
        } else {
            throw new DomainException(ConversationErrors.NOT_AN_ANSWER);
        }
        Message question = messages.findInConversation(questionId, c.id)
                .orElseThrow(() -> new DomainException(ConversationErrors.MESSAGE_NOT_FOUND));
        Plan plan = plan(c, c.botId, c.endUserId, c.connectorId, Map.of());
        registry.reserve();
        try {
            Chat chat = openRegeneration(c.id, question, target);
            ChatJob job = new ChatJob(chat.id, c.id, c.workspaceId, c.botId, question.sectionId, c.endUserId,
                    c.connectorId, question.id, List.of(), caller.rawToken(), plan.systemPrompt(), plan.model(),
                    plan.contextRounds(), plan.knowledge(), plan.toolIds(), List.of(), false, true, false);
            return launch(job, chat, c, Optional.of(question));
        } catch (RuntimeException e) {
            registry.release();
            throw e;
        }
    }

    @Transactional
    Chat openRegeneration(long conversationId, Message question, Message target) {
        Conversation c = conversations.findLiveForUpdate(conversationId)
                .orElseThrow(() -> new DomainException(ConversationErrors.CONVERSATION_NOT_FOUND));
        Chat chat = newChat(c, c.endUserId, Map.of(), null, true);
        chat.sectionId = question.sectionId;
        chat.questionId = question.id;
        chat.regenerates = Message.ANSWER.equals(target.type) ? target.id : null;
        return chat;
    }

    /** Feedback counts of a bot the caller may run (bot-service decides: membership, or an API key of that bot). */
    public Map<String, Long> feedbackCounts(String botId) {
        long id = Ids.parse(botId == null ? "" : botId).orElseThrow(() -> Fields.bad("bot_id is required"));
        Caller caller = access.caller();
        bots.runtimeForChat(id, Long.toString(caller.userId()), ConversationService.API_CONNECTOR);
        return messageService.feedbackCounts(id);
    }

    /** Waits for a run to end (blocking modes), at most the chat lifetime. */
    public ChatView await(Started started) {
        try {
            started.run().finished().get(config.engine().maxChatDuration().plus(Duration.ofSeconds(5)).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return ChatView.of(store.chat(started.run().chatId()));
    }
}

package dev.atrium.conversation.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.Conversation;
import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.ModelSettings;
import dev.atrium.conversation.client.BotClient;
import dev.atrium.conversation.mapping.ConversationView;
import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.mapping.Json;
import dev.atrium.conversation.repository.ConversationRepository;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.event.Outbox;
import dev.atrium.core.event.Topics;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import dev.atrium.proto.bot.v1.BotRuntime;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Conversations: create (with a bot or with model settings), read, list, rename, delete, clear context. */
@ApplicationScoped
public class ConversationService {

    public static final String CONVERSATION_CREATED = "conversation.created";
    public static final String CONVERSATION_DELETED = "conversation.deleted";
    public static final String API_CONNECTOR = "1024";
    private static final List<String> STATUSES = List.of("active", "archived");

    private final ConversationRepository conversations;
    private final ConversationAccess access;
    private final BotClient bots;
    private final MessageService messages;
    private final Outbox outbox;

    public ConversationService(ConversationRepository conversations, ConversationAccess access, BotClient bots,
                               MessageService messages, Outbox outbox) {
        this.conversations = conversations;
        this.access = access;
        this.bots = bots;
        this.messages = messages;
        this.outbox = outbox;
    }

    /**
     * {@code POST /conversations} and Coze {@code /v1/conversation/create}: {@code bot_id} or model settings,
     * {@code name}/{@code title}, {@code meta_data}, {@code variables}/{@code inputs}, {@code user_id}, and
     * Coze's initial {@code messages}.
     */
    @Transactional
    public ConversationView create(JsonNode raw) {
        JsonNode body = Fields.body(raw);
        Optional<Long> botId = Fields.id(body, "bot_id");
        String name = Fields.text(body, "name", 200).or(() -> Fields.text(body, "title", 200)).orElse("");
        Map<String, Object> meta = Fields.object(body, "meta_data", true).orElse(Map.of());
        Map<String, Object> variables = Fields.object(body, "variables", true)
                .or(() -> Fields.object(body, "inputs", true)).orElse(Map.of());
        String endUser = Fields.text(body, "user_id", 128).filter(s -> !s.isBlank()).orElse(null);
        String connector = Fields.text(body, "connector_id", 32).filter(s -> !s.isBlank()).orElse(API_CONNECTOR);
        List<JsonNode> initial = Fields.array(body, "messages", 50);
        initial.forEach(MessageService::parseNew);

        Conversation c;
        if (botId.isPresent()) {
            if (ModelSettings.given(body)) {
                throw Fields.bad("a conversation has either a bot_id or model settings, not both");
            }
            BotRuntime runtime = bots.runtimeForChat(botId.get(), endUserOr(endUser), connector);
            c = newConversation(Long.parseLong(runtime.getWorkspaceId()), botId.get(), endUser, connector);
        } else {
            ModelSettings settings = ModelSettings.parse(body);
            long workspace = access.targetWorkspace(Fields.text(body, "workspace_id", 32).orElse(null));
            // resolving now reports a wrong provider or model on create, not on the first message
            bots.resolveModel(workspace, settings.providerId(), settings.model());
            c = newConversation(workspace, null, endUser, connector);
            c.modelConfig = Json.write(settings);
        }
        c.name = name;
        c.metaData = Json.write(meta);
        c.variables = Json.write(variables);
        conversations.persist(c);
        outbox.publish(Topics.CONVERSATION, CONVERSATION_CREATED, Long.toString(c.id), eventData(c));
        for (JsonNode m : initial) {
            messages.append(c, MessageService.parseNew(m), null, null);
        }
        return ConversationView.of(c);
    }

    /** A conversation for a chat that named none (Coze {@code /v3/chat} without {@code conversation_id}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Conversation createForChat(BotRuntime runtime, long botId, String endUser, String connector) {
        Conversation c = newConversation(Long.parseLong(runtime.getWorkspaceId()), botId, endUser, connector);
        c.metaData = "{}";
        c.variables = "{}";
        c.name = "";
        conversations.persist(c);
        outbox.publish(Topics.CONVERSATION, CONVERSATION_CREATED, Long.toString(c.id), eventData(c));
        return c;
    }

    private Conversation newConversation(long workspaceId, Long botId, String endUser, String connector) {
        Caller caller = access.caller();
        Optional<Long> keyBot = access.keyBot();
        if (keyBot.isPresent() && !keyBot.get().equals(botId)) {
            // an app API key talks only to its own bot
            throw new DomainException(ConversationErrors.BOT_NOT_FOUND);
        }
        Conversation c = new Conversation();
        c.id = Ids.next();
        c.workspaceId = workspaceId;
        c.botId = botId;
        c.creatorId = caller.userId();
        c.endUserId = endUser == null ? Long.toString(caller.userId()) : endUser;
        c.connectorId = connector;
        c.status = "active";
        c.sectionId = Ids.next();
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        return c;
    }

    private String endUserOr(String endUser) {
        return endUser == null ? Long.toString(access.caller().userId()) : endUser;
    }

    @Transactional
    public ConversationView get(String id) {
        return ConversationView.of(access.owned(id));
    }

    @Transactional
    public Page<ConversationView> list(String botId, String status, String userId, boolean ascending, PageQuery page) {
        Long bot = botId == null || botId.isBlank() ? null
                : Ids.parse(botId).orElseThrow(() -> Fields.bad("bot_id is not a valid id"));
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw Fields.bad("status must be one of " + STATUSES);
        }
        Optional<Long> keyBot = access.keyBot();
        if (keyBot.isPresent()) {
            if (bot != null && !bot.equals(keyBot.get())) {
                return Page.of(List.of(), 0, page);
            }
            bot = keyBot.get();
        }
        var filter = new ConversationRepository.Filter(access.caller().userId(), access.memberships().workspaces(), bot,
                status == null || status.isBlank() ? null : status, userId == null || userId.isBlank() ? null : userId,
                ascending);
        if (filter.workspaces().isEmpty()) {
            return Page.of(List.of(), 0, page);
        }
        PanacheQuery<Conversation> query = conversations.search(filter);
        List<ConversationView> items = query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
                .map(ConversationView::of).toList();
        return Page.of(items, query.count(), page);
    }

    /** Rename, change meta data or input variables, archive. */
    @Transactional
    public ConversationView update(String id, JsonNode raw) {
        JsonNode body = Fields.body(raw);
        Conversation c = access.ownedForUpdate(id);
        Fields.text(body, "name", 200).or(() -> Fields.text(body, "title", 200)).ifPresent(n -> c.name = n);
        Fields.object(body, "meta_data", true).ifPresent(m -> c.metaData = Json.write(m));
        Fields.object(body, "variables", true).or(() -> Fields.object(body, "inputs", true))
                .ifPresent(v -> c.variables = Json.write(v));
        Fields.text(body, "status", 16).ifPresent(s -> {
            if (!STATUSES.contains(s)) {
                throw Fields.bad("status must be one of " + STATUSES);
            }
            c.status = s;
        });
        if (c.botId == null && ModelSettings.given(body)) {
            ModelSettings current = Json.MAPPER.convertValue(Json.tree(c.modelConfig), ModelSettings.class);
            ModelSettings next = merge(current, ModelSettings.parse(body), body);
            bots.resolveModel(c.workspaceId, next.providerId(), next.model());
            c.modelConfig = Json.write(next);
        } else if (c.botId != null && ModelSettings.given(body)) {
            throw Fields.bad("the model of a bot's conversation is the bot's; change the bot instead");
        }
        c.updatedAt = Instant.now();
        return ConversationView.of(c);
    }

    private static ModelSettings merge(ModelSettings a, ModelSettings b, JsonNode body) {
        return new ModelSettings(body.has("provider_id") ? b.providerId() : a.providerId(),
                body.has("model") ? b.model() : a.model(),
                body.has("system_prompt") ? b.systemPrompt() : a.systemPrompt(),
                body.has("temperature") ? b.temperature() : a.temperature(),
                body.has("max_tokens") ? b.maxTokens() : a.maxTokens(),
                body.has("top_p") ? b.topP() : a.topP(),
                body.has("thinking_enabled") ? b.thinkingEnabled() : a.thinkingEnabled());
    }

    /** Soft delete: the conversation disappears from the API; its rows stay until retention removes them. */
    @Transactional
    public void delete(String id) {
        Conversation c = access.ownedForUpdate(id);
        c.deletedAt = Instant.now();
        c.updatedAt = c.deletedAt;
        outbox.publish(Topics.CONVERSATION, CONVERSATION_DELETED, Long.toString(c.id), eventData(c));
    }

    /** Clears the context: a new section starts, and the model no longer sees earlier turns. */
    @Transactional
    public Conversation clear(String id) {
        Conversation c = access.ownedForUpdate(id);
        c.sectionId = Ids.next();
        c.summary = null;
        c.summaryUpto = null;
        c.updatedAt = Instant.now();
        return c;
    }

    static Map<String, Object> eventData(Conversation c) {
        return Map.of("conversation_id", Long.toString(c.id), "workspace_id", Long.toString(c.workspaceId),
                "bot_id", c.botId == null ? "" : Long.toString(c.botId), "creator_id", Long.toString(c.creatorId));
    }
}

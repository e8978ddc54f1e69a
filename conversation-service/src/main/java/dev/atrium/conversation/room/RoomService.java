package dev.atrium.conversation.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.client.BotClient;
import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.service.ConversationAccess;
import dev.atrium.conversation.service.ConversationService;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import dev.atrium.proto.bot.v1.BotRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Rooms, their agents and their history. A room belongs to one workspace; every member of it may see and
 * use the room, anyone else gets "not found". Every agent (and the moderator) must be a bot of that
 * workspace the caller can run: bot-service is asked with the caller's token before it is added.
 */
@ApplicationScoped
public class RoomService {

    static final int MAX_AGENTS = 20;
    static final int MAX_AGENT_TURNS = 20;
    private static final Set<String> POLICIES = Set.of(ChatRoom.ALL, ChatRoom.ROUND_ROBIN, ChatRoom.MODERATOR);

    private final ConversationAccess access;
    private final BotClient bots;
    private final RoomRepository rooms;
    private final RoomAgentRepository agents;
    private final RoomMessageRepository messages;

    public RoomService(ConversationAccess access, BotClient bots, RoomRepository rooms, RoomAgentRepository agents,
                       RoomMessageRepository messages) {
        this.access = access;
        this.bots = bots;
        this.rooms = rooms;
        this.agents = agents;
        this.messages = messages;
    }

    /** A bot checked for a room: its id, its name and what it runs. */
    public record CheckedBot(long botId, String name, BotRuntime runtime) {
    }

    @Transactional
    public Page<RoomView> list(String workspaceId, PageQuery page) {
        refuseAppKeys();
        Set<Long> workspaces = workspaceId == null || workspaceId.isBlank() ? access.memberships().workspaces()
                : Set.of(access.targetWorkspace(workspaceId));
        List<RoomView> items = rooms.inWorkspaces(workspaces, page.limit(), page.offset()).stream()
                .map(r -> RoomView.of(r, agents.ofRoom(r.id))).toList();
        return Page.of(items, rooms.countInWorkspaces(workspaces), page);
    }

    public RoomView create(JsonNode raw) {
        refuseAppKeys();
        JsonNode body = Fields.body(raw);
        long workspace = access.targetWorkspace(Fields.text(body, "workspace_id", 32).orElse(null));
        String name = Fields.requiredText(body, "name", 100).strip();
        String description = Fields.text(body, "description", 2000).orElse("");
        String policy = policy(body).orElse(ChatRoom.ALL);
        Optional<Long> moderator = Fields.id(body, "moderator_bot_id");
        int maxTurns = Fields.integer(body, "max_agent_turns", 0, MAX_AGENT_TURNS).orElse(ChatRoom.DEFAULT_MAX_AGENT_TURNS);
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode n : Fields.array(body, "agent_ids", MAX_AGENTS)) {
            if (!n.isTextual() && !n.isIntegralNumber()) {
                throw Fields.bad("agent_ids must hold bot ids");
            }
            ids.add(Ids.parse(n.asText()).orElseThrow(() -> Fields.bad("agent_ids holds an invalid id: " + n.asText())));
        }
        if (ChatRoom.MODERATOR.equals(policy) && moderator.isEmpty()) {
            throw Fields.bad("moderator_bot_id is required with the policy moderator");
        }
        List<CheckedBot> checked = new ArrayList<>();
        for (long id : ids) {
            checked.add(check(id, workspace));
        }
        moderator.ifPresent(id -> check(id, workspace));
        return persistNew(workspace, name, description, policy, moderator.orElse(null), maxTurns, checked);
    }

    /** An app API key is bound to one bot; rooms are not its business (they may sit in a browser widget). */
    private void refuseAppKeys() {
        if (access.keyBot().isPresent()) {
            throw new DomainException(ConversationErrors.ROOM_NOT_FOUND);
        }
    }

    @Transactional
    RoomView persistNew(long workspace, String name, String description, String policy, Long moderator, int maxTurns,
                        List<CheckedBot> checked) {
        Instant now = Instant.now();
        ChatRoom r = new ChatRoom();
        r.id = Ids.next();
        r.workspaceId = workspace;
        r.name = name;
        r.description = description;
        r.policy = policy;
        r.moderatorBotId = moderator;
        r.maxAgentTurns = maxTurns;
        r.createdBy = access.caller().userId();
        r.createdAt = now;
        r.updatedAt = now;
        rooms.persist(r);
        int position = 0;
        for (CheckedBot b : checked) {
            agents.persist(agent(r.id, b, position++, now, r.createdBy));
        }
        return RoomView.of(r, agents.ofRoom(r.id));
    }

    @Transactional
    public RoomView get(String roomId) {
        ChatRoom r = visible(roomId);
        return RoomView.of(r, agents.ofRoom(r.id));
    }

    public RoomView update(String roomId, JsonNode raw) {
        JsonNode body = Fields.body(raw);
        ChatRoom current = visibleRoom(roomId);
        Optional<String> name = Fields.text(body, "name", 100).map(String::strip);
        if (name.isPresent() && name.get().isEmpty()) {
            throw Fields.bad("name must not be blank");
        }
        Optional<String> description = Fields.text(body, "description", 2000);
        Optional<String> policy = policy(body);
        Optional<Long> moderator = Fields.id(body, "moderator_bot_id");
        Optional<Integer> maxTurns = Fields.integer(body, "max_agent_turns", 0, MAX_AGENT_TURNS);
        moderator.ifPresent(id -> check(id, current.workspaceId));
        Long effectiveModerator = moderator.orElse(current.moderatorBotId);
        if (ChatRoom.MODERATOR.equals(policy.orElse(current.policy)) && effectiveModerator == null) {
            throw Fields.bad("moderator_bot_id is required with the policy moderator");
        }
        return applyUpdate(current.id, name, description, policy, moderator, maxTurns);
    }

    @Transactional
    RoomView applyUpdate(long roomId, Optional<String> name, Optional<String> description, Optional<String> policy,
                         Optional<Long> moderator, Optional<Integer> maxTurns) {
        ChatRoom r = rooms.findLive(roomId).orElseThrow(() -> new DomainException(ConversationErrors.ROOM_NOT_FOUND));
        name.ifPresent(v -> r.name = v);
        description.ifPresent(v -> r.description = v);
        policy.ifPresent(v -> r.policy = v);
        moderator.ifPresent(v -> r.moderatorBotId = v);
        maxTurns.ifPresent(v -> r.maxAgentTurns = v);
        r.updatedAt = Instant.now();
        return RoomView.of(r, agents.ofRoom(r.id));
    }

    @Transactional
    public RoomView delete(String roomId) {
        ChatRoom r = visible(roomId);
        r.deletedAt = Instant.now();
        r.updatedAt = r.deletedAt;
        return RoomView.of(r, agents.ofRoom(r.id));
    }

    @Transactional
    public List<RoomView.AgentView> agents(String roomId) {
        return agents.ofRoom(visible(roomId).id).stream().map(RoomView.AgentView::of).toList();
    }

    public RoomView.AgentView addAgent(String roomId, JsonNode raw) {
        JsonNode body = Fields.body(raw);
        long botId = Fields.id(body, "agent_id").orElseThrow(() -> Fields.bad("agent_id is required"));
        ChatRoom r = visibleRoom(roomId);
        CheckedBot bot = check(botId, r.workspaceId);
        return persistAgent(r.id, bot);
    }

    @Transactional
    RoomView.AgentView persistAgent(long roomId, CheckedBot bot) {
        rooms.findLive(roomId).orElseThrow(() -> new DomainException(ConversationErrors.ROOM_NOT_FOUND));
        Optional<RoomAgent> existing = agents.find(roomId, bot.botId());
        if (existing.isPresent()) {
            existing.get().name = bot.name();
            return RoomView.AgentView.of(existing.get());
        }
        if (agents.count("roomId", roomId) >= MAX_AGENTS) {
            throw Fields.bad("a room may have at most " + MAX_AGENTS + " agents");
        }
        RoomAgent a = agent(roomId, bot, agents.nextPosition(roomId), Instant.now(), access.caller().userId());
        agents.persist(a);
        return RoomView.AgentView.of(a);
    }

    @Transactional
    public RoomView.AgentView removeAgent(String roomId, String agentId) {
        ChatRoom r = visible(roomId);
        RoomAgent a = Ids.parse(agentId).flatMap(id -> agents.find(r.id, id))
                .orElseThrow(() -> new DomainException(ConversationErrors.BOT_NOT_FOUND, "the agent is not in this room"));
        agents.delete(a);
        return RoomView.AgentView.of(a);
    }

    @Transactional
    public List<RoomMessageView> history(String roomId, Long beforeId, int limit) {
        ChatRoom r = visible(roomId);
        return messages.recent(r.id, beforeId, limit).stream().map(RoomMessageView::of).toList();
    }

    /** The room when the caller may see it; 404 otherwise (also for rooms of other workspaces). */
    @Transactional
    public ChatRoom visibleRoom(String roomId) {
        return visible(roomId);
    }

    ChatRoom visible(String roomId) {
        ChatRoom r = Ids.parse(roomId).flatMap(rooms::findLive)
                .orElseThrow(() -> new DomainException(ConversationErrors.ROOM_NOT_FOUND));
        if (!access.memberships().contains(r.workspaceId)) {
            throw new DomainException(ConversationErrors.ROOM_NOT_FOUND);
        }
        if (access.keyBot().isPresent()) {
            // an app API key is bound to one bot; a room of several agents is beyond it
            throw new DomainException(ConversationErrors.ROOM_NOT_FOUND);
        }
        return r;
    }

    /** A bot the caller can run, of the room's workspace; bot-service's own "not found" otherwise. */
    public CheckedBot check(long botId, long workspace) {
        Caller caller = access.caller();
        BotRuntime runtime = bots.runtimeForChat(botId, Long.toString(caller.userId()), ConversationService.API_CONNECTOR);
        if (!Long.toString(workspace).equals(runtime.getWorkspaceId())) {
            throw new DomainException(ConversationErrors.BOT_NOT_FOUND, "the bot is not in the room's workspace");
        }
        return new CheckedBot(botId, runtime.getName().isBlank() ? "agent" + botId : runtime.getName(), runtime);
    }

    private static Optional<String> policy(JsonNode body) {
        Optional<String> policy = Fields.text(body, "policy", 16);
        if (policy.isPresent() && !POLICIES.contains(policy.get())) {
            throw Fields.bad("policy must be one of all, round_robin, moderator");
        }
        return policy;
    }

    private static RoomAgent agent(long roomId, CheckedBot b, int position, Instant now, long addedBy) {
        RoomAgent a = new RoomAgent();
        a.id = Ids.next();
        a.roomId = roomId;
        a.botId = b.botId();
        a.name = b.name();
        a.position = position;
        a.addedBy = addedBy;
        a.createdAt = now;
        return a;
    }
}

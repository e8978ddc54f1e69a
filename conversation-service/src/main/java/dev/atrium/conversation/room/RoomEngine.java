package dev.atrium.conversation.room;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.engine.ModelParams;
import dev.atrium.conversation.engine.ModelStreamer;
import dev.atrium.conversation.engine.StreamListener;
import dev.atrium.conversation.engine.StreamResult;
import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.service.ConversationAccess;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs a room's turn: the message that started it is stored, then the agents that must answer speak one
 * after another, each streaming its reply (deltas) and storing it. Who speaks: the agents @mentioned in
 * the message, in the order named; else the room's policy ({@code all}, {@code round_robin},
 * {@code moderator}). An agent's reply may @mention other agents, who then speak too, but at most
 * {@code max_agent_turns} such agent-triggered replies follow one user message, so agents cannot loop.
 * <p>
 * Everything needing the caller (access, bot-service with the caller's token) happens in {@link #prepare}
 * on the request's thread; the turn then runs on its own virtual thread, one turn per room at a time on
 * this replica, and its events go to the sender's sink and to the room's WebSocket participants.
 */
@ApplicationScoped
public class RoomEngine {

    private static final Logger LOG = Logger.getLogger(RoomEngine.class);
    static final int MAX_CONTENT = 32_000;
    /** How many latest room messages an agent sees. */
    static final int HISTORY = 50;

    /** Who wrote the message that starts a turn. */
    public record Author(String type, String id, String name) {
    }

    /** An agent ready to speak: what it is called and what it runs on. */
    public record Speaker(long botId, String name, String systemPrompt, ModelParams model) {
        String id() {
            return Long.toString(botId);
        }
    }

    /** A turn ready to run, prepared with the caller's rights. */
    public record Turn(long roomId, String roomName, String policy, int maxAgentTurns, List<Speaker> agents,
                       Optional<Speaker> moderator, RoomMessage trigger, List<String> problems) {
    }

    private final RoomService rooms;
    private final RoomStore store;
    private final RoomHub hub;
    private final ModelStreamer streamer;
    private final ConversationAccess access;
    private final ObjectMapper mapper;
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("room-", 0).factory());
    private volatile boolean stopping;

    public RoomEngine(RoomService rooms, RoomStore store, RoomHub hub, ModelStreamer streamer, ConversationAccess access,
                      ObjectMapper mapper) {
        this.rooms = rooms;
        this.store = store;
        this.hub = hub;
        this.streamer = streamer;
        this.access = access;
        this.mapper = mapper;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The author of a message sent with the caller's token (REST). */
    public Author caller() {
        var caller = access.caller();
        String name = caller.username() == null || caller.username().isBlank() ? "user" + caller.userId() : caller.username();
        return new Author(RoomMessage.USER, Long.toString(caller.userId()), name);
    }

    /** Checks access, loads the agents' runtimes with the caller's token and stores the message. */
    public Turn prepare(String roomId, String content, Author author) {
        if (content == null || content.isBlank()) {
            throw Fields.bad("content is required");
        }
        if (content.length() > MAX_CONTENT) {
            throw Fields.bad("content must be at most " + MAX_CONTENT + " characters");
        }
        ChatRoom room = rooms.visibleRoom(roomId);
        List<Speaker> speakers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<Long, String> names = new HashMap<>();
        for (RoomAgent a : store.agents(room.id)) {
            try {
                RoomService.CheckedBot bot = rooms.check(a.botId, room.workspaceId);
                speakers.add(new Speaker(a.botId, bot.name(), bot.runtime().getSystemPrompt(), ModelParams.of(bot.runtime())));
                names.put(a.botId, bot.name());
            } catch (DomainException e) {
                problems.add("agent " + a.name + " (" + a.botId + ") cannot answer: " + e.getMessage());
            }
        }
        store.rename(room.id, names);
        Optional<Speaker> moderator = Optional.empty();
        if (ChatRoom.MODERATOR.equals(room.policy) && room.moderatorBotId != null) {
            try {
                RoomService.CheckedBot bot = rooms.check(room.moderatorBotId, room.workspaceId);
                moderator = Optional.of(new Speaker(bot.botId(), bot.name(), bot.runtime().getSystemPrompt(),
                        ModelParams.of(bot.runtime())));
            } catch (DomainException e) {
                problems.add("the moderator cannot choose: " + e.getMessage());
            }
        }
        RoomMessage m = message(room.id, author.type(), author.id(), author.name(), content, null);
        store.save(m);
        return new Turn(room.id, room.name, room.policy, room.maxAgentTurns, List.copyOf(speakers), moderator, m,
                List.copyOf(problems));
    }

    /** Runs the turn on its own virtual thread; its events go to {@code sink} and the room's participants. */
    public void launch(Turn turn, Consumer<RoomEvent> sink) {
        Consumer<RoomEvent> out = event -> {
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                LOG.debugf("room %d: the sender's stream is gone: %s", turn.roomId(), e.getMessage());
            }
            hub.broadcast(turn.roomId(), event);
        };
        executor.execute(() -> {
            ReentrantLock lock = locks.computeIfAbsent(turn.roomId(), k -> new ReentrantLock(true));
            lock.lock();
            try {
                run(turn, out);
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "room %d: turn of message %d crashed", turn.roomId(), turn.trigger().id);
                out.accept(event(RoomEvent.ERROR, Map.of("content", "the room failed to answer")));
                out.accept(event(RoomEvent.DONE, Map.of("message_id", Long.toString(turn.trigger().id), "token_count", 0)));
            } finally {
                lock.unlock();
            }
        });
    }

    private void run(Turn turn, Consumer<RoomEvent> out) {
        out.accept(event(RoomEvent.MESSAGE, RoomMessageView.of(turn.trigger())));
        for (String problem : turn.problems()) {
            out.accept(event(RoomEvent.ERROR, Map.of("content", problem)));
        }
        boolean fromAgent = RoomMessage.AGENT.equals(turn.trigger().participantType);
        List<Speaker> others = fromAgent ? turn.agents().stream().filter(s -> !s.id().equals(turn.trigger().participantId)).toList()
                : turn.agents();
        Deque<Speaker> queue = new ArrayDeque<>();
        int agentTurns = 0;
        List<Speaker> named = mentioned(turn.trigger().content, others);
        if (fromAgent) {
            // an agent connected over WebSocket only wakes the agents it names, and that counts as agent turns
            for (Speaker s : named) {
                if (agentTurns < turn.maxAgentTurns()) {
                    agentTurns++;
                    queue.add(s);
                }
            }
        } else {
            queue.addAll(named.isEmpty() ? byPolicy(turn, out) : named);
        }
        long lastId = turn.trigger().id;
        int tokens = 0;
        boolean capped = false;
        while (!queue.isEmpty() && !stopping) {
            Speaker speaker = queue.poll();
            Optional<RoomMessage> reply = speak(turn, speaker, out);
            if (reply.isEmpty()) {
                continue;
            }
            lastId = reply.get().id;
            tokens += reply.get().inputTokens + reply.get().outputTokens;
            for (Speaker next : mentioned(reply.get().content, turn.agents())) {
                if (next.botId() == speaker.botId() || queue.contains(next)) {
                    continue;
                }
                if (agentTurns >= turn.maxAgentTurns()) {
                    capped = true;
                    continue;
                }
                agentTurns++;
                queue.add(next);
            }
        }
        if (capped) {
            out.accept(event(RoomEvent.PROCESS_STEP, ordered("step", "agent_turn_limit", "content",
                    "the agents reached the limit of " + turn.maxAgentTurns() + " agent turns for this message",
                    "max_agent_turns", turn.maxAgentTurns())));
        }
        out.accept(event(RoomEvent.DONE, ordered("message_id", Long.toString(lastId), "token_count", tokens,
                "agent_turns", agentTurns)));
    }

    private List<Speaker> byPolicy(Turn turn, Consumer<RoomEvent> out) {
        List<Speaker> agents = turn.agents();
        if (agents.isEmpty()) {
            return List.of();
        }
        return switch (turn.policy()) {
            case ChatRoom.ROUND_ROBIN -> {
                Optional<String> last = store.lastAgent(turn.roomId());
                int index = 0;
                if (last.isPresent()) {
                    for (int i = 0; i < agents.size(); i++) {
                        if (agents.get(i).id().equals(last.get())) {
                            index = (i + 1) % agents.size();
                        }
                    }
                }
                yield List.of(agents.get(index));
            }
            case ChatRoom.MODERATOR -> List.of(moderate(turn, out));
            default -> agents;
        };
    }

    /** Asks the moderator's model who answers; its first agent name wins, else the first agent. */
    private Speaker moderate(Turn turn, Consumer<RoomEvent> out) {
        Speaker first = turn.agents().get(0);
        if (turn.moderator().isEmpty()) {
            return first;
        }
        Speaker moderator = turn.moderator().get();
        String names = String.join(", ", turn.agents().stream().map(Speaker::name).toList());
        StringBuilder transcript = new StringBuilder();
        for (RoomMessage m : store.recent(turn.roomId(), HISTORY)) {
            if (!RoomMessage.SYSTEM.equals(m.participantType)) {
                transcript.append(m.participantName).append(": ").append(m.content).append('\n');
            }
        }
        String system = (moderator.systemPrompt() == null || moderator.systemPrompt().isBlank() ? "" : moderator.systemPrompt().strip() + "\n\n")
                + "You moderate the group chat \"" + turn.roomName() + "\". Its agents are: " + names
                + ". Read the conversation and answer with only the name of the one agent who should reply to the last message.";
        List<ChatMessage> prompt = List.of(SystemMessage.from(system), UserMessage.from(transcript.toString()));
        out.accept(event(RoomEvent.PROCESS_STEP, ordered("step", "moderator", "agent_id", moderator.id(),
                "content", "asking the moderator who answers")));
        StreamResult result = streamer.stream(moderator.model(), prompt, List.of(), StreamListener.NONE, () -> stopping);
        Speaker chosen = result.ok() ? named(result.text(), turn.agents()).orElse(first) : first;
        out.accept(event(RoomEvent.PROCESS_STEP, ordered("step", "moderator_choice", "agent_id", chosen.id(),
                "content", chosen.name() + " answers", "moderator_reply", result.text())));
        return chosen;
    }

    /** One agent's reply: typing, streamed deltas, the stored message; empty when the model gave nothing. */
    private Optional<RoomMessage> speak(Turn turn, Speaker speaker, Consumer<RoomEvent> out) {
        long messageId = Ids.next();
        out.accept(event(RoomEvent.TYPING, ordered("agent_id", speaker.id(), "agent_name", speaker.name(), "is_typing", true)));
        List<ChatMessage> prompt = prompt(turn, speaker, store.recent(turn.roomId(), HISTORY));
        StreamResult result;
        try {
            result = streamer.stream(speaker.model(), prompt, List.of(), new StreamListener() {
                @Override
                public void onText(String delta) {
                    out.accept(event(RoomEvent.DELTA, ordered("agent_id", speaker.id(), "agent_name", speaker.name(),
                            "message_id", Long.toString(messageId), "content", delta)));
                }

                @Override
                public void onReasoning(String delta) {
                    out.accept(event(RoomEvent.PROCESS_STEP, ordered("step", "reasoning", "agent_id", speaker.id(),
                            "message_id", Long.toString(messageId), "content", delta)));
                }
            }, () -> stopping);
        } finally {
            out.accept(event(RoomEvent.TYPING, ordered("agent_id", speaker.id(), "agent_name", speaker.name(), "is_typing", false)));
        }
        Optional<RoomMessage> saved = Optional.empty();
        if (!result.text().isBlank()) {
            RoomMessage m = message(turn.roomId(), RoomMessage.AGENT, speaker.id(), speaker.name(), result.text(), turn.trigger().id);
            m.id = messageId;
            m.inputTokens = result.inputTokens();
            m.outputTokens = result.outputTokens();
            store.save(m);
            out.accept(event(RoomEvent.MESSAGE, RoomMessageView.of(m)));
            saved = Optional.of(m);
        }
        if (!result.ok()) {
            out.accept(event(RoomEvent.ERROR, ordered("agent_id", speaker.id(), "code",
                    (result.outcome() == StreamResult.Outcome.TIMEOUT ? ConversationErrors.MODEL_TIMEOUT : ConversationErrors.MODEL_FAILED).code(),
                    "content", speaker.name() + " could not answer: " + result.error())));
        }
        return saved;
    }

    /**
     * What an agent sees: its system prompt and who is in the room, then the room's history, its own messages
     * as assistant messages and everyone else's as user messages prefixed with their name.
     */
    static List<ChatMessage> prompt(Turn turn, Speaker speaker, List<RoomMessage> history) {
        List<String> others = turn.agents().stream().filter(s -> s.botId() != speaker.botId()).map(Speaker::name).toList();
        String room = "You are " + speaker.name() + " in the group chat \"" + turn.roomName() + "\""
                + (others.isEmpty() ? "" : " with the agents " + String.join(", ", others))
                + ". Messages of the others start with their name. Write @name to ask another agent; do not start your reply with your name.";
        String system = speaker.systemPrompt() == null || speaker.systemPrompt().isBlank() ? room : speaker.systemPrompt().strip() + "\n\n" + room;
        List<ChatMessage> out = new ArrayList<>();
        out.add(SystemMessage.from(system));
        for (RoomMessage m : history) {
            if (RoomMessage.SYSTEM.equals(m.participantType)) {
                continue;
            }
            if (RoomMessage.AGENT.equals(m.participantType) && speaker.id().equals(m.participantId)) {
                out.add(AiMessage.from(m.content));
            } else {
                out.add(UserMessage.from(m.participantName + ": " + m.content));
            }
        }
        return out;
    }

    /** The agents @mentioned in {@code text}, in the order named; names match case-insensitively and whole. */
    static List<Speaker> mentioned(String text, List<Speaker> agents) {
        String lower = text.toLowerCase(Locale.ROOT);
        Map<Speaker, Integer> found = new LinkedHashMap<>();
        for (Speaker s : agents) {
            int at = find(lower, "@" + s.name().toLowerCase(Locale.ROOT));
            if (at >= 0) {
                found.put(s, at);
            }
        }
        return found.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }

    /** The agent whose name comes first in a moderator's answer (with or without {@code @}). */
    static Optional<Speaker> named(String text, List<Speaker> agents) {
        String lower = text.toLowerCase(Locale.ROOT);
        return agents.stream().filter(s -> find(lower, s.name().toLowerCase(Locale.ROOT)) >= 0)
                .min(Comparator.comparingInt(s -> find(lower, s.name().toLowerCase(Locale.ROOT))));
    }

    /** The first whole-word occurrence of {@code word} in {@code text}, or -1. */
    static int find(String text, String word) {
        if (word.isBlank()) {
            return -1;
        }
        int from = 0;
        while (true) {
            int at = text.indexOf(word, from);
            if (at < 0) {
                return -1;
            }
            int end = at + word.length();
            boolean startOk = word.startsWith("@") || at == 0 || !wordChar(text.charAt(at - 1));
            boolean endOk = end >= text.length() || !wordChar(text.charAt(end));
            if (startOk && endOk) {
                return at;
            }
            from = at + 1;
        }
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    static RoomMessage message(long roomId, String type, String id, String name, String content, Long replyTo) {
        RoomMessage m = new RoomMessage();
        m.id = Ids.next();
        m.roomId = roomId;
        m.participantType = type;
        m.participantId = id;
        m.participantName = name;
        m.content = content;
        m.replyTo = replyTo;
        m.createdAt = Instant.now();
        return m;
    }

    RoomEvent event(String name, Object data) {
        try {
            return new RoomEvent(name, mapper.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a room event cannot be written as JSON", e);
        }
    }

    /** A JSON object keeping the order its fields are given in (name, value, name, value...). */
    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}

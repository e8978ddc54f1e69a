package dev.atrium.conversation.ws;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.room.ChatRoom;
import dev.atrium.conversation.room.RoomEngine;
import dev.atrium.conversation.room.RoomEngine.Author;
import dev.atrium.conversation.room.RoomEvent;
import dev.atrium.conversation.room.RoomHub;
import dev.atrium.conversation.room.RoomMessage;
import dev.atrium.conversation.room.RoomMessageView;
import dev.atrium.conversation.room.RoomService;
import dev.atrium.conversation.room.RoomView;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorCode;
import dev.atrium.core.error.ErrorRange;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * A chat room over WebSocket (seed 003): {@code /ws/chat-room/{room_id}?participant_type=user|agent
 * &participant_id=&participant_name=&token=}. On connect the participant gets {@code connected},
 * {@code history} and {@code agents}, and everyone in the room a {@code system} join message; it sends
 * {@code {"action":"send_message","content":...}} and every participant gets the turn's events
 * ({@code message, typing, delta, process_step, done, error}) as {@code {"event":..., "data":...}}.
 * A user participant is always the token's user (its id cannot be chosen); an agent participant must
 * name an agent of the room, and its messages only wake the agents it @mentions (they count as agent turns).
 */
@WebSocket(path = "/ws/chat-room/{room_id}")
public class RoomSocket {

    private static final Logger LOG = Logger.getLogger(RoomSocket.class);
    private static final UserData.TypedKey<Author> AUTHOR = new UserData.TypedKey<>("atrium.room.author");
    private static final UserData.TypedKey<Long> ROOM = UserData.TypedKey.forLong("atrium.room.id");

    private final SocketCallers callers;
    private final RoomService rooms;
    private final RoomEngine engine;
    private final RoomHub hub;
    private final ErrorRange range;
    private final ObjectMapper mapper;

    public RoomSocket(SocketCallers callers, RoomService rooms, RoomEngine engine, RoomHub hub, ErrorRange range,
                      ObjectMapper mapper) {
        this.callers = callers;
        this.rooms = rooms;
        this.engine = engine;
        this.hub = hub;
        this.range = range;
        this.mapper = mapper;
    }

    private record Joined(ChatRoom room, Author author, List<RoomMessageView> history, List<RoomView.AgentView> agents) {
    }

    @OnOpen
    @RunOnVirtualThread
    public void open(WebSocketConnection connection) {
        String roomId = connection.pathParam("room_id");
        Map<String, String> query = SocketCallers.query(connection);
        Caller caller = callers.verify(connection).orElse(null);
        if (caller == null) {
            refuse(connection, range.common().unauthenticated(), "a valid token is required (?token=)");
            return;
        }
        Joined joined;
        try {
            joined = callers.as(caller, () -> join(roomId, caller, query));
        } catch (DomainException e) {
            refuse(connection, e.errorCode(), e.getMessage());
            return;
        }
        long room = joined.room().id;
        connection.userData().put(SocketCallers.CALLER, caller);
        connection.userData().put(AUTHOR, joined.author());
        connection.userData().put(ROOM, room);
        send(connection, event(RoomEvent.CONNECTED, ConversationSocket.ordered("room_id", Long.toString(room),
                "type", joined.author().type(), "participant_id", joined.author().id(), "participant_name", joined.author().name())));
        send(connection, event(RoomEvent.HISTORY, Map.of("messages", joined.history())));
        send(connection, event(RoomEvent.AGENTS, Map.of("agents", joined.agents())));
        hub.join(room, connection);
        hub.broadcast(room, event(RoomEvent.SYSTEM, ConversationSocket.ordered("content", joined.author().name() + " joined",
                "type", joined.author().type() + "_join", "participant_id", joined.author().id(),
                "participants", hub.participants(room))));
    }

    private Joined join(String roomId, Caller caller, Map<String, String> query) {
        ChatRoom room = rooms.visibleRoom(roomId);
        String type = query.getOrDefault("participant_type", RoomMessage.USER);
        String name = query.getOrDefault("participant_name", "").strip();
        if (name.length() > 100) {
            throw Fields.bad("participant_name must be at most 100 characters");
        }
        List<RoomView.AgentView> agents = rooms.agents(roomId);
        Author author;
        if (RoomMessage.USER.equals(type)) {
            String id = Long.toString(caller.userId());
            String given = query.getOrDefault("participant_id", "");
            if (!given.isBlank() && !given.equals(id)) {
                throw Fields.bad("participant_id of a user must be the token's user");
            }
            author = new Author(RoomMessage.USER, id, !name.isEmpty() ? name
                    : caller.username() == null || caller.username().isBlank() ? "user" + id : caller.username());
        } else if (RoomMessage.AGENT.equals(type)) {
            String id = Ids.parse(query.getOrDefault("participant_id", "")).map(String::valueOf)
                    .orElseThrow(() -> Fields.bad("participant_id of an agent must be its bot id"));
            RoomView.AgentView agent = agents.stream().filter(a -> a.agentId().equals(id)).findFirst()
                    .orElseThrow(() -> new DomainException(ConversationErrors.BOT_NOT_FOUND, "the agent is not in this room"));
            author = new Author(RoomMessage.AGENT, id, agent.name());
        } else {
            throw Fields.bad("participant_type must be user or agent");
        }
        return new Joined(room, author, rooms.history(roomId, null, 50), agents);
    }

    @OnTextMessage
    @RunOnVirtualThread
    public void message(String text, WebSocketConnection connection) {
        Caller caller = connection.userData().get(SocketCallers.CALLER);
        Author author = connection.userData().get(AUTHOR);
        if (caller == null || author == null) {
            return;
        }
        String roomId = connection.pathParam("room_id");
        try {
            JsonNode body = Fields.body(parse(text));
            String action = Fields.text(body, "action", 40).orElse("send_message");
            if (!"send_message".equals(action)) {
                throw Fields.bad("action must be send_message");
            }
            String content = Fields.text(body, "content", 32_000).orElse(null);
            RoomEngine.Turn turn = callers.as(caller, () -> engine.prepare(roomId, content, author));
            // the sender is a participant of the room: the hub brings it the turn's events
            engine.launch(turn, e -> {
            });
        } catch (DomainException e) {
            send(connection, event(RoomEvent.ERROR, ConversationSocket.ordered("code", e.errorCode().code(), "content", e.getMessage())));
        }
    }

    @OnClose
    @RunOnVirtualThread
    public void close(WebSocketConnection connection) {
        Long room = connection.userData().get(ROOM);
        Author author = connection.userData().get(AUTHOR);
        if (room == null || author == null) {
            return;
        }
        hub.leave(room, connection);
        hub.broadcast(room, event(RoomEvent.SYSTEM, ConversationSocket.ordered("content", author.name() + " left",
                "type", author.type() + "_leave", "participant_id", author.id(), "participants", hub.participants(room))));
    }

    private void refuse(WebSocketConnection connection, ErrorCode code, String message) {
        send(connection, event(RoomEvent.ERROR, ConversationSocket.ordered("code", code.code(), "content", message)));
        connection.closeAndAwait(new CloseReason(ConversationSocket.REFUSED, code.message()));
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DomainException(ConversationErrors.INVALID_REQUEST, "the message must be a JSON object");
        }
    }

    private RoomEvent event(String name, Object data) {
        try {
            return new RoomEvent(name, mapper.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(WebSocketConnection connection, RoomEvent event) {
        try {
            connection.sendTextAndAwait(event.json());
        } catch (RuntimeException e) {
            LOG.debugf("room socket %s: send failed: %s", connection.id(), e.getMessage());
        }
    }
}

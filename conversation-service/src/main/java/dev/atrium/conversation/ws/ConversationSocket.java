package dev.atrium.conversation.ws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.engine.ChatEvent;
import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.service.ChatService;
import dev.atrium.conversation.service.ChatService.Started;
import dev.atrium.conversation.service.ConversationAccess;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorCode;
import dev.atrium.core.error.ErrorRange;
import dev.atrium.core.identity.Caller;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * A conversation over WebSocket (seed 002): the client sends {@code {"type":"user_message","content":...}},
 * the bot's answer comes back as {@code stream_chunk} deltas, then {@code stream_complete} and
 * {@code bot_response} with the stored message; failures are {@code error} with the Atrium code. The chat
 * is the same as {@code POST /messages} (ChatService.start), stored the same way. A bad token or a
 * conversation the caller may not see gets an {@code error} and the connection is closed. Messages of one
 * connection are handled one after another, each on a virtual thread.
 */
@WebSocket(path = "/api/v1/ws/conversations/{id}")
public class ConversationSocket {

    private static final Logger LOG = Logger.getLogger(ConversationSocket.class);
    private static final long MAX_SILENCE_MS = TimeUnit.MINUTES.toMillis(15);
    /** Policy violation: the connection is refused after its {@code error} message. */
    static final int REFUSED = 1008;

    private final SocketCallers callers;
    private final ChatService chats;
    private final ConversationAccess access;
    private final ErrorRange range;
    private final ObjectMapper mapper;

    public ConversationSocket(SocketCallers callers, ChatService chats, ConversationAccess access, ErrorRange range,
                              ObjectMapper mapper) {
        this.callers = callers;
        this.chats = chats;
        this.access = access;
        this.range = range;
        this.mapper = mapper;
    }

    @OnOpen
    @RunOnVirtualThread
    public void open(WebSocketConnection connection) {
        String id = connection.pathParam("id");
        Caller caller = callers.verify(connection).orElse(null);
        if (caller == null) {
            refuse(connection, range.common().unauthenticated(), "a valid token is required (?token=)");
            return;
        }
        try {
            callers.as(caller, () -> access.owned(id));
        } catch (DomainException e) {
            refuse(connection, e.errorCode(), e.getMessage());
            return;
        }
        connection.userData().put(SocketCallers.CALLER, caller);
    }

    @OnTextMessage
    @RunOnVirtualThread
    public void message(String text, WebSocketConnection connection) {
        Caller caller = connection.userData().get(SocketCallers.CALLER);
        if (caller == null) {
            return;
        }
        String id = connection.pathParam("id");
        try {
            JsonNode body = Fields.body(parse(text));
            String type = Fields.text(body, "type", 40).orElse("user_message");
            if (!"user_message".equals(type)) {
                throw Fields.bad("type must be user_message");
            }
            ObjectNode chat = mapper.createObjectNode();
            chat.put("content", Fields.requiredText(body, "content", 100_000));
            Fields.text(body, "message_type", 20).ifPresent(t -> chat.put("content_type", t));
            Started started = callers.as(caller, () -> chats.start(ChatService.parse(id, chat, true)));
            relay(started, connection);
        } catch (DomainException e) {
            send(connection, error(e.errorCode().code(), e.getMessage()));
        }
    }

    /** Turns the chat's Coze events into the seed's messages until the run ends. */
    private void relay(Started started, WebSocketConnection connection) {
        BlockingQueue<ChatEvent> queue = started.run().queue();
        String conversationId = Long.toString(started.run().conversationId());
        int chunk = 0;
        try {
            while (true) {
                ChatEvent event = queue.poll(MAX_SILENCE_MS, TimeUnit.MILLISECONDS);
                if (event == null || event.isDone()) {
                    return;
                }
                JsonNode data = mapper.readTree(event.data());
                switch (event.name()) {
                    case ChatEvent.MESSAGE_DELTA -> {
                        String content = data.path("content").asText("");
                        if ("answer".equals(data.path("type").asText()) && !content.isEmpty()) {
                            send(connection, ordered("type", "stream_chunk", "conversation_id", conversationId,
                                    "message_id", data.path("id").asText(), "chunk_id", ++chunk, "content", content,
                                    "is_final", false));
                        }
                    }
                    case ChatEvent.MESSAGE_COMPLETED -> {
                        if ("answer".equals(data.path("type").asText())) {
                            send(connection, ordered("type", "stream_complete", "conversation_id", conversationId,
                                    "message_id", data.path("id").asText(), "full_content", data.path("content").asText("")));
                            send(connection, ordered("type", "bot_response", "conversation_id", conversationId,
                                    "message_id", data.path("id").asText(), "message", data));
                        }
                    }
                    case ChatEvent.CHAT_FAILED -> send(connection, error(data.path("last_error").path("code").asInt(),
                            data.path("last_error").path("msg").asText()));
                    case ChatEvent.ERROR -> send(connection, error(data.path("code").asInt(), data.path("msg").asText()));
                    default -> {
                        // created, in_progress, completed and the verbose messages add nothing to this protocol
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chat event is not JSON", e);
        }
    }

    private void refuse(WebSocketConnection connection, ErrorCode code, String message) {
        send(connection, error(code.code(), message));
        connection.closeAndAwait(new CloseReason(REFUSED, code.message()));
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DomainException(ConversationErrors.INVALID_REQUEST, "the message must be a JSON object");
        }
    }

    private static Map<String, Object> error(int code, String msg) {
        return ordered("type", "error", "code", code, "msg", msg);
    }

    private void send(WebSocketConnection connection, Map<String, Object> message) {
        try {
            connection.sendTextAndAwait(mapper.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            // the client went away; the chat still finishes and is stored
            LOG.debugf("conversation socket %s: send failed: %s", connection.id(), e.getMessage());
        }
    }

    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}

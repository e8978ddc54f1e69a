package dev.atrium.conversation.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.mapping.ChatView;
import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.mapping.MessageView;
import dev.atrium.conversation.repository.MessageRepository;
import dev.atrium.conversation.service.ChatService;
import dev.atrium.conversation.service.ChatService.ChatInput;
import dev.atrium.conversation.service.ChatService.Started;
import dev.atrium.conversation.service.MessageService;
import dev.atrium.core.api.CursorPage;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.ErrorRange;
import dev.atrium.core.id.Ids;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A conversation's messages; sending one with a reply runs a chat (blocking, or streamed with {@code stream:true}). */
@Path("/api/v1/conversations/{id}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageService messages;
    private final ChatService chats;
    private final ErrorRange range;

    public MessageResource(MessageService messages, ChatService chats, ErrorRange range) {
        this.messages = messages;
        this.chats = chats;
        this.range = range;
    }

    @GET
    public Envelope<CursorPage<MessageView>> list(@PathParam("id") String id, @QueryParam("limit") String limit,
                                                  @QueryParam("offset") String offset, @QueryParam("before_id") String before,
                                                  @QueryParam("after_id") String after, @QueryParam("order") String order,
                                                  @QueryParam("chat_id") String chatId) {
        PageQuery page = PageQuery.parse(limit, offset, range.common());
        return Envelope.ok(messages.list(id, new MessageRepository.Cursor(optionalId(before, "before_id"),
                optionalId(after, "after_id"), optionalId(chatId, "chat_id"), "asc".equalsIgnoreCase(order),
                page.limit(), page.offset())));
    }

    /**
     * Sends a message. {@code reply:false} only stores it; otherwise the bot answers:
     * {@code {user_message, bot_response, chat}}, or an SSE stream with {@code stream:true}.
     */
    @POST
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @RunOnVirtualThread
    public Response send(@PathParam("id") String id, JsonNode raw) {
        JsonNode body = Fields.body(raw);
        if (!Fields.bool(body, "reply").orElse(true)) {
            return Response.ok(Envelope.ok(messages.add(id, body))).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        ChatInput input = ChatService.parse(id, body, false);
        Started started = chats.start(input);
        if (input.stream()) {
            return ChatStreams.sse(started.run());
        }
        ChatView chat = chats.await(started);
        List<MessageView> produced = chats.chatMessages(id, chat.id());
        MessageView answer = produced.stream().filter(m -> "answer".equals(m.type())).reduce((a, b) -> b).orElse(null);
        MessageView question = started.question().map(MessageView::of).orElse(null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_message", question);
        data.put("bot_response", answer);
        data.put("chat", chat);
        return Response.ok(Envelope.ok(data)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/{message_id}")
    public Envelope<MessageView> get(@PathParam("id") String id, @PathParam("message_id") String messageId) {
        return Envelope.ok(messages.get(id, messageId));
    }

    @PUT
    @Path("/{message_id}")
    public Envelope<MessageView> modify(@PathParam("id") String id, @PathParam("message_id") String messageId, JsonNode body) {
        return Envelope.ok(messages.modify(id, messageId, body));
    }

    @DELETE
    @Path("/{message_id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<MessageView> delete(@PathParam("id") String id, @PathParam("message_id") String messageId) {
        return Envelope.ok(messages.delete(id, messageId));
    }

    /** Another answer to the same question (seed: query_again); blocking unless {@code stream:true}. */
    @POST
    @Path("/{message_id}/regenerate")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @RunOnVirtualThread
    public Response regenerate(@PathParam("id") String id, @PathParam("message_id") String messageId,
                               @QueryParam("stream") String streamParam, JsonNode raw) {
        JsonNode body = Fields.body(raw);
        boolean stream = "true".equalsIgnoreCase(streamParam) || Fields.bool(body, "stream").orElse(false);
        Started started = chats.regenerate(id, messageId);
        if (stream) {
            return ChatStreams.sse(started.run());
        }
        ChatView chat = chats.await(started);
        return Response.ok(Envelope.ok(Map.of("chat", chat, "messages", chats.chatMessages(id, chat.id()))))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Makes this answer the one in use for its question. */
    @POST
    @Path("/{message_id}/use")
    @Consumes(MediaType.WILDCARD)
    public Envelope<MessageView> use(@PathParam("id") String id, @PathParam("message_id") String messageId) {
        return Envelope.ok(messages.useAnswer(id, messageId));
    }

    @POST
    @Path("/{message_id}/feedback")
    public Envelope<Map<String, Object>> feedback(@PathParam("id") String id, @PathParam("message_id") String messageId,
                                                  JsonNode body) {
        return Envelope.ok(messages.feedback(id, messageId, body));
    }

    private static Long optionalId(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return Ids.parse(raw).orElseThrow(() -> Fields.bad(name + " is not a valid id"));
    }
}

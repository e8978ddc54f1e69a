package dev.atrium.conversation.coze;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.mapping.ChatView;
import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.mapping.MessageView;
import dev.atrium.conversation.rest.ChatStreams;
import dev.atrium.conversation.service.ChatService;
import dev.atrium.conversation.service.ChatService.ChatInput;
import dev.atrium.conversation.service.ChatService.Started;
import dev.atrium.core.api.Envelope;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Coze chat v3. A non-streaming chat answers at once with the chat {@code in_progress} (never
 * {@code created}: the SDKs poll only while in progress); {@code /v3/chat/retrieve} takes GET and POST.
 */
@Path("/v3/chat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CozeChatResource {

    private final ChatService chats;

    public CozeChatResource(ChatService chats) {
        this.chats = chats;
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @RunOnVirtualThread
    public Response chat(@QueryParam("conversation_id") String conversationId, JsonNode body) {
        ChatInput input = ChatService.parse(conversationId, body, false);
        Started started = chats.start(input);
        if (input.stream()) {
            return ChatStreams.sse(started.run());
        }
        return Response.ok(Envelope.ok(started.chat())).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/retrieve")
    public Envelope<ChatView> retrieve(@QueryParam("conversation_id") String conversationId, @QueryParam("chat_id") String chatId) {
        return Envelope.ok(chats.retrieve(require(conversationId, "conversation_id"), require(chatId, "chat_id")));
    }

    @POST
    @Path("/retrieve")
    public Envelope<ChatView> retrievePost(@QueryParam("conversation_id") String conversationId, @QueryParam("chat_id") String chatId) {
        return retrieve(conversationId, chatId);
    }

    @POST
    @Path("/cancel")
    @RunOnVirtualThread
    public Envelope<ChatView> cancel(@QueryParam("conversation_id") String qConversation, @QueryParam("chat_id") String qChat,
                                     JsonNode raw) {
        JsonNode body = Fields.body(raw);
        String conversationId = Fields.text(body, "conversation_id", 32).orElse(qConversation);
        String chatId = Fields.text(body, "chat_id", 32).orElse(qChat);
        return Envelope.ok(chats.cancel(require(conversationId, "conversation_id"), require(chatId, "chat_id")));
    }

    @GET
    @Path("/message/list")
    public Envelope<List<MessageView>> messages(@QueryParam("conversation_id") String conversationId,
                                                @QueryParam("chat_id") String chatId) {
        return Envelope.ok(chats.chatMessages(require(conversationId, "conversation_id"), require(chatId, "chat_id")));
    }

    @POST
    @Path("/submit_tool_outputs")
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @RunOnVirtualThread
    public Response submitToolOutputs(@QueryParam("conversation_id") String conversationId, @QueryParam("chat_id") String chatId,
                                      JsonNode raw) {
        JsonNode body = Fields.body(raw);
        String conversation = require(conversationId != null ? conversationId : body.path("conversation_id").asText(null), "conversation_id");
        String chat = require(chatId != null ? chatId : body.path("chat_id").asText(null), "chat_id");
        Started started = chats.submitToolOutputs(conversation, chat, body);
        if (body.path("stream").asBoolean(false)) {
            return ChatStreams.sse(started.run());
        }
        return Response.ok(Envelope.ok(started.chat())).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw Fields.bad(name + " is required");
        }
        return value;
    }
}

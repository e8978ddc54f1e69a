package dev.atrium.conversation.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.mapping.ChatView;
import dev.atrium.conversation.mapping.MessageView;
import dev.atrium.conversation.service.ChatService;
import dev.atrium.conversation.service.ChatService.ChatInput;
import dev.atrium.conversation.service.ChatService.Started;
import dev.atrium.core.api.Envelope;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The chats of a conversation: read one with its messages, stop it, give it the outputs of client-side tools. */
@Path("/api/v1/conversations/{id}/chats")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationChatResource {

    private final ChatService chats;

    public ConversationChatResource(ChatService chats) {
        this.chats = chats;
    }

    @GET
    @Path("/{chat_id}")
    public Envelope<Map<String, Object>> get(@PathParam("id") String id, @PathParam("chat_id") String chatId) {
        return Envelope.ok(finalChat(chats.retrieve(id, chatId)));
    }

    /** Stops a running chat; it ends {@code canceled} within about a second. */
    @POST
    @Path("/{chat_id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @RunOnVirtualThread
    public Envelope<ChatView> cancel(@PathParam("id") String id, @PathParam("chat_id") String chatId) {
        return Envelope.ok(chats.cancel(id, chatId));
    }

    /** Results of client-side tools for a chat in {@code requires_action}; blocking unless {@code stream:true}. */
    @POST
    @Path("/{chat_id}/submit_tool_outputs")
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @RunOnVirtualThread
    public Response submitToolOutputs(@PathParam("id") String id, @PathParam("chat_id") String chatId, JsonNode body) {
        Started started = chats.submitToolOutputs(id, chatId, body);
        if (body != null && body.path("stream").asBoolean(false)) {
            return ChatStreams.sse(started.run());
        }
        return Response.ok(Envelope.ok(finalChat(chats.await(started)))).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Map<String, Object> finalChat(ChatView chat) {
        List<MessageView> messages = chats.chatMessages(chat.conversationId(), chat.id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chat", chat);
        data.put("messages", messages);
        return data;
    }
}

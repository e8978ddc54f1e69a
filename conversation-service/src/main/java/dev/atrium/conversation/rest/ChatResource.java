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

/**
 * The native chat API. {@code POST /chat} takes the Coze v3 body; blocking by default (answers the final chat
 * with its messages), streamed with {@code stream:true} in exactly the Coze v3 event sequence.
 */
@Path("/api/v1/chat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChatResource {

    private final ChatService chats;

    public ChatResource(ChatService chats) {
        this.chats = chats;
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @RunOnVirtualThread
    public Response chat(JsonNode body) {
        ChatInput input = ChatService.parse(null, body, false);
        Started started = chats.start(input);
        if (input.stream()) {
            return ChatStreams.sse(started.run());
        }
        return Response.ok(Envelope.ok(finalChat(chats.await(started)))).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Likes and dislikes of a bot's answers ({@code bot_id}: a bot of the caller's workspaces). */
    @GET
    @Path("/feedback")
    public Envelope<Map<String, Long>> feedbackCounts(@QueryParam("bot_id") String botId) {
        return Envelope.ok(chats.feedbackCounts(botId));
    }

    private Map<String, Object> finalChat(ChatView chat) {
        List<MessageView> messages = chats.chatMessages(chat.conversationId(), chat.id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chat", chat);
        data.put("messages", messages);
        return data;
    }
}

package dev.atrium.conversation.coze;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.coze.CozeConversationApi.MessageList;
import dev.atrium.conversation.coze.CozeConversationApi.Modified;
import dev.atrium.conversation.mapping.MessageView;
import dev.atrium.conversation.service.MessageService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.ErrorRange;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Coze messages of a conversation ({@code shared/reference/coze-open-api.md} §2.3). Ids travel in the query;
 * {@code list} and {@code modify} answer with top-level fields instead of {@code data}, and {@code retrieve}
 * takes GET (Python, JS) and POST (Java).
 */
@Path("/v1/conversation/message")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CozeMessageResource {

    private final MessageService messages;
    private final CommonErrors errors;

    public CozeMessageResource(MessageService messages, ErrorRange range) {
        this.messages = messages;
        this.errors = range.common();
    }

    /** Adds a message to the history; nobody answers it. */
    @POST
    @Path("/create")
    public Envelope<MessageView> create(@QueryParam("conversation_id") String conversationId, JsonNode body) {
        return Envelope.ok(messages.add(CozeParams.require(conversationId, "conversation_id"), body));
    }

    /** Body {@code order, chat_id, before_id, after_id, limit}; may be absent (Java sends none when all are unset). */
    @POST
    @Path("/list")
    public MessageList list(@QueryParam("conversation_id") String conversationId, String body) {
        String conversation = CozeParams.require(conversationId, "conversation_id");
        return MessageList.of(messages.list(conversation, CozeParams.messageCursor(body, errors)));
    }

    @GET
    @Path("/retrieve")
    public Envelope<MessageView> retrieve(@QueryParam("conversation_id") String conversationId,
                                          @QueryParam("message_id") String messageId) {
        return Envelope.ok(messages.get(CozeParams.require(conversationId, "conversation_id"),
                CozeParams.require(messageId, "message_id")));
    }

    @POST
    @Path("/retrieve")
    public Envelope<MessageView> retrievePost(@QueryParam("conversation_id") String conversationId,
                                              @QueryParam("message_id") String messageId) {
        return retrieve(conversationId, messageId);
    }

    /** Body {@code content, content_type, meta_data}. */
    @POST
    @Path("/modify")
    public Modified modify(@QueryParam("conversation_id") String conversationId,
                           @QueryParam("message_id") String messageId, JsonNode body) {
        return Modified.of(messages.modify(CozeParams.require(conversationId, "conversation_id"),
                CozeParams.require(messageId, "message_id"), body));
    }

    /** Answers the deleted message. */
    @POST
    @Path("/delete")
    public Envelope<MessageView> delete(@QueryParam("conversation_id") String conversationId,
                                        @QueryParam("message_id") String messageId) {
        return Envelope.ok(messages.delete(CozeParams.require(conversationId, "conversation_id"),
                CozeParams.require(messageId, "message_id")));
    }
}

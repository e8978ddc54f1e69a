package dev.atrium.conversation.coze;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.Conversation;
import dev.atrium.conversation.coze.CozeConversationApi.ConversationList;
import dev.atrium.conversation.coze.CozeConversationApi.Section;
import dev.atrium.conversation.mapping.ConversationView;
import dev.atrium.conversation.service.ConversationService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.ErrorRange;
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

/**
 * Coze conversations ({@code shared/reference/coze-open-api.md} §2.2): the singular {@code /v1/conversation/*}
 * paths of create and retrieve, the plural {@code /v1/conversations*} of list, rename, delete and clear. A
 * conversation of another user or workspace is "not found", as in the native API.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CozeConversationResource {

    private final ConversationService conversations;
    private final CommonErrors errors;

    public CozeConversationResource(ConversationService conversations, ErrorRange range) {
        this.conversations = conversations;
        this.errors = range.common();
    }

    /** Body {@code bot_id?, messages[]?, meta_data?, name?, connector_id?}. */
    @POST
    @Path("/conversation/create")
    public Envelope<ConversationView> create(JsonNode body) {
        return Envelope.ok(conversations.create(body));
    }

    @GET
    @Path("/conversation/retrieve")
    public Envelope<ConversationView> retrieve(@QueryParam("conversation_id") String conversationId) {
        return Envelope.ok(conversations.get(CozeParams.require(conversationId, "conversation_id")));
    }

    /**
     * The caller's conversations, newest first unless {@code sort_order=ASC}. {@code connector_id} is accepted and
     * not used: a caller sees its conversations of every channel.
     */
    @GET
    @Path("/conversations")
    public Envelope<ConversationList> list(@QueryParam("bot_id") String botId, @QueryParam("page_num") String pageNum,
                                           @QueryParam("page_size") String pageSize,
                                           @QueryParam("sort_order") String sortOrder,
                                           @QueryParam("connector_id") String connectorId) {
        return Envelope.ok(ConversationList.of(conversations.list(botId, null, null, CozeParams.ascending(sortOrder),
                CozeParams.page(pageNum, pageSize, errors))));
    }

    /** Body {@code {name}}. */
    @PUT
    @Path("/conversations/{conversation_id}")
    public Envelope<ConversationView> update(@PathParam("conversation_id") String conversationId, JsonNode body) {
        return Envelope.ok(conversations.update(conversationId, body));
    }

    @DELETE
    @Path("/conversations/{conversation_id}")
    public Envelope<Map<String, Object>> delete(@PathParam("conversation_id") String conversationId) {
        conversations.delete(conversationId);
        return Envelope.ok(Map.of());
    }

    /** Clears the context; {@code data.id} is the new section. */
    @POST
    @Path("/conversations/{conversation_id}/clear")
    public Envelope<Section> clear(@PathParam("conversation_id") String conversationId) {
        Conversation c = conversations.clear(conversationId);
        return Envelope.ok(new Section(Long.toString(c.sectionId), Long.toString(c.id)));
    }
}

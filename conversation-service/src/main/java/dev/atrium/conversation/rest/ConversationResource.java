package dev.atrium.conversation.rest;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.Conversation;
import dev.atrium.conversation.mapping.ConversationView;
import dev.atrium.conversation.service.ConversationService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
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

@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ConversationService conversations;
    private final ErrorRange range;

    public ConversationResource(ConversationService conversations, ErrorRange range) {
        this.conversations = conversations;
        this.range = range;
    }

    @POST
    public Envelope<ConversationView> create(JsonNode body) {
        return Envelope.ok(conversations.create(body));
    }

    @GET
    public Envelope<Page<ConversationView>> list(@QueryParam("bot_id") String botId, @QueryParam("status") String status,
                                                 @QueryParam("user_id") String userId, @QueryParam("limit") String limit,
                                                 @QueryParam("offset") String offset) {
        return Envelope.ok(conversations.list(botId, status, userId, false, PageQuery.parse(limit, offset, range.common())));
    }

    @GET
    @Path("/{id}")
    public Envelope<ConversationView> get(@PathParam("id") String id) {
        return Envelope.ok(conversations.get(id));
    }

    @PUT
    @Path("/{id}")
    public Envelope<ConversationView> update(@PathParam("id") String id, JsonNode body) {
        return Envelope.ok(conversations.update(id, body));
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> delete(@PathParam("id") String id) {
        conversations.delete(id);
        return Envelope.ok(null);
    }

    /** Clears the context: answers the new section. */
    @POST
    @Path("/{id}/clear")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Map<String, String>> clear(@PathParam("id") String id) {
        Conversation c = conversations.clear(id);
        return Envelope.ok(Map.of("id", Long.toString(c.sectionId), "conversation_id", Long.toString(c.id)));
    }
}

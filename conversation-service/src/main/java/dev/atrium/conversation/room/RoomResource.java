package dev.atrium.conversation.room;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.mapping.Fields;
import dev.atrium.conversation.rest.ChatStreams;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
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

/**
 * Multi-agent chat rooms: CRUD, their agents, their history, and sending a message, answered by the agents
 * as a server-sent event stream ({@code event:} and single-line JSON {@code data:} lines only, as the chat
 * streams) that ends with {@code done}. Every resource runs on a virtual thread: bot-service is called.
 */
@Path("/api/v1/chat-rooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class RoomResource {


    private final RoomService rooms;
    private final RoomEngine engine;
    private final ErrorRange range;

    public RoomResource(RoomService rooms, RoomEngine engine, ErrorRange range) {
        this.rooms = rooms;
        this.engine = engine;
        this.range = range;
    }

    @GET
    public Envelope<Page<RoomView>> list(@QueryParam("workspace_id") String workspaceId, @QueryParam("limit") String limit,
                                         @QueryParam("offset") String offset) {
        return Envelope.ok(rooms.list(workspaceId, PageQuery.parse(limit, offset, range.common())));
    }

    @POST
    public Envelope<RoomView> create(JsonNode body) {
        return Envelope.ok(rooms.create(body));
    }

    @GET
    @Path("/{room_id}")
    public Envelope<RoomView> get(@PathParam("room_id") String roomId) {
        return Envelope.ok(rooms.get(roomId));
    }

    @PUT
    @Path("/{room_id}")
    public Envelope<RoomView> update(@PathParam("room_id") String roomId, JsonNode body) {
        return Envelope.ok(rooms.update(roomId, body));
    }

    @DELETE
    @Path("/{room_id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<RoomView> delete(@PathParam("room_id") String roomId) {
        return Envelope.ok(rooms.delete(roomId));
    }

    @GET
    @Path("/{room_id}/agents")
    public Envelope<List<RoomView.AgentView>> agents(@PathParam("room_id") String roomId) {
        return Envelope.ok(rooms.agents(roomId));
    }

    @POST
    @Path("/{room_id}/agents")
    public Envelope<RoomView.AgentView> addAgent(@PathParam("room_id") String roomId, JsonNode body) {
        return Envelope.ok(rooms.addAgent(roomId, body));
    }

    @DELETE
    @Path("/{room_id}/agents/{agent_id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<RoomView.AgentView> removeAgent(@PathParam("room_id") String roomId, @PathParam("agent_id") String agentId) {
        return Envelope.ok(rooms.removeAgent(roomId, agentId));
    }

    /** The latest messages (at most {@code limit}, default 50), oldest first; {@code before_id} pages back. */
    @GET
    @Path("/{room_id}/messages")
    public Envelope<List<RoomMessageView>> history(@PathParam("room_id") String roomId, @QueryParam("before_id") String before,
                                                   @QueryParam("limit") String limit) {
        int n = limit == null || limit.isBlank() ? RoomEngine.HISTORY : PageQuery.parse(limit, null, range.common()).limit();
        Long beforeId = before == null || before.isBlank() ? null
                : Ids.parse(before).orElseThrow(() -> Fields.bad("before_id is not a valid id"));
        return Envelope.ok(rooms.history(roomId, beforeId, n));
    }

    /** Sends {@code {content}}; the stored message and the agents' replies come back as an SSE stream. */
    @POST
    @Path("/{room_id}/messages")
    @RunOnVirtualThread
    public Response send(@PathParam("room_id") String roomId, JsonNode raw) {
        JsonNode body = Fields.body(raw);
        String content = Fields.text(body, "content", RoomEngine.MAX_CONTENT).orElse(null);
        RoomEngine.Turn turn = engine.prepare(roomId, content, engine.caller());
        BlockingQueue<RoomEvent> queue = new LinkedBlockingQueue<>();
        engine.launch(turn, queue::add);
        return ChatStreams.sse(queue, RoomEvent::frame, RoomEvent::isDone);
    }
}

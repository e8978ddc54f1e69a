package dev.atrium.auth.rest;

import dev.atrium.auth.AuthErrors;
import dev.atrium.auth.api.WorkspaceApi.AddMember;
import dev.atrium.auth.api.WorkspaceApi.CreateWorkspace;
import dev.atrium.auth.api.WorkspaceApi.MemberInfo;
import dev.atrium.auth.api.WorkspaceApi.UpdateMember;
import dev.atrium.auth.api.WorkspaceApi.UpdateWorkspace;
import dev.atrium.auth.api.WorkspaceApi.WorkspaceInfo;
import dev.atrium.auth.service.WorkspaceService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorRange;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.CurrentCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/api/v1/workspaces")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspaceResource {

    /** Workspace management needs a login session, an unscoped PAT, or a PAT with this scope; the Coze facade too. */
    public static final String WORKSPACES_SCOPE = "workspaces";

    private final WorkspaceService workspaces;
    private final CurrentCaller caller;
    private final ErrorRange range;

    public WorkspaceResource(WorkspaceService workspaces, CurrentCaller caller, ErrorRange range) {
        this.workspaces = workspaces;
        this.caller = caller;
        this.range = range;
    }

    @POST
    public Envelope<WorkspaceInfo> create(@Valid @NotNull CreateWorkspace request) {
        return Envelope.ok(workspaces.create(me(), request));
    }

    @GET
    public Envelope<Page<WorkspaceInfo>> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        long me = me();
        return Envelope.ok(workspaces.list(me, PageQuery.of(limit, offset, range.common())));
    }

    @GET
    @Path("/{id}")
    public Envelope<WorkspaceInfo> get(@PathParam("id") String id) {
        long me = me();
        return Envelope.ok(workspaces.get(me, workspace(id)));
    }

    @PUT
    @Path("/{id}")
    public Envelope<WorkspaceInfo> update(@PathParam("id") String id, @Valid @NotNull UpdateWorkspace request) {
        long me = me();
        return Envelope.ok(workspaces.update(me, workspace(id), request));
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> delete(@PathParam("id") String id) {
        long me = me();
        workspaces.delete(me, workspace(id));
        return Envelope.ok(null);
    }

    @GET
    @Path("/{id}/members")
    public Envelope<Page<MemberInfo>> members(@PathParam("id") String id, @QueryParam("limit") Integer limit,
                                              @QueryParam("offset") Integer offset) {
        long me = me();
        return Envelope.ok(workspaces.members(me, workspace(id), PageQuery.of(limit, offset, range.common())));
    }

    @POST
    @Path("/{id}/members")
    public Envelope<MemberInfo> addMember(@PathParam("id") String id, @Valid @NotNull AddMember request) {
        long me = me();
        return Envelope.ok(workspaces.addMember(me, workspace(id), request));
    }

    @PUT
    @Path("/{id}/members/{user_id}")
    public Envelope<MemberInfo> updateMember(@PathParam("id") String id, @PathParam("user_id") String userId,
                                             @Valid @NotNull UpdateMember request) {
        long me = me();
        return Envelope.ok(workspaces.updateMember(me, workspace(id), member(userId), request.role()));
    }

    @DELETE
    @Path("/{id}/members/{user_id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> removeMember(@PathParam("id") String id, @PathParam("user_id") String userId) {
        long me = me();
        workspaces.removeMember(me, workspace(id), member(userId));
        return Envelope.ok(null);
    }

    private long me() {
        return caller.require(WORKSPACES_SCOPE).userId();
    }

    private static long workspace(String id) {
        return Ids.parse(id).orElseThrow(() -> new DomainException(AuthErrors.WORKSPACE_NOT_FOUND));
    }

    private static long member(String id) {
        return Ids.parse(id).orElseThrow(() -> new DomainException(AuthErrors.MEMBER_NOT_FOUND));
    }
}

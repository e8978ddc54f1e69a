package dev.atrium.auth.coze;

import dev.atrium.auth.api.WorkspaceApi.WorkspaceInfo;
import dev.atrium.auth.coze.CozeWorkspaceApi.WorkspaceList;
import dev.atrium.auth.mapping.AuthMapper;
import dev.atrium.auth.rest.WorkspaceResource;
import dev.atrium.auth.service.WorkspaceService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.ErrorRange;
import dev.atrium.core.identity.CurrentCaller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Coze's {@code GET /v1/workspaces}: the caller's workspaces in Coze's shape and paging, from the same
 * {@link WorkspaceService} and under the same scope rule as {@code GET /api/v1/workspaces}, so an app API
 * key (which can only chat) is refused here as it is there.
 */
@Path("/v1/workspaces")
@Produces(MediaType.APPLICATION_JSON)
public class CozeWorkspaceResource {

    private static final int DEFAULT_PAGE_SIZE = 20;
    /** Coze's own limit for this list. */
    private static final int MAX_PAGE_SIZE = 50;

    private final WorkspaceService workspaces;
    private final CurrentCaller caller;
    private final CommonErrors errors;

    public CozeWorkspaceResource(WorkspaceService workspaces, CurrentCaller caller, ErrorRange range) {
        this.workspaces = workspaces;
        this.caller = caller;
        this.errors = range.common();
    }

    /**
     * The paging parameters arrive as strings: a typed parameter that fails to convert is a bare 404 in
     * JAX-RS, and a Coze client sending {@code page_size=abc} should learn that its request was invalid.
     */
    @GET
    public Envelope<WorkspaceList> list(@QueryParam("page_num") String pageNum, @QueryParam("page_size") String pageSize) {
        long me = caller.require(WorkspaceResource.WORKSPACES_SCOPE).userId();
        Page<WorkspaceInfo> page = workspaces.list(me, page(pageNum, pageSize));
        return Envelope.ok(new WorkspaceList(page.total(), page.items().stream().map(AuthMapper::cozeWorkspace).toList()));
    }

    private PageQuery page(String pageNum, String pageSize) {
        return PageQuery.ofPageNumber("page_num", pageNum, "page_size", pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, errors);
    }
}

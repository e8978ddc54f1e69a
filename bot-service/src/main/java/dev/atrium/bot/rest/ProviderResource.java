package dev.atrium.bot.rest;

import java.util.List;

import dev.atrium.bot.BotErrors;
import dev.atrium.bot.mapping.ProviderView;
import dev.atrium.bot.service.ProviderService;
import dev.atrium.bot.service.ProviderService.ProviderInput;
import dev.atrium.bot.service.ProviderService.TestResult;
import dev.atrium.bot.service.WorkspaceAccess;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.error.DomainException;
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
 * LLM providers of a workspace. Members list and test them; owners and admins create, change and delete.
 * Keys go in, never out: responses carry only {@code api_key} masked and {@code has_api_key}.
 */
@Path("/api/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProviderResource {

    public record TestRequest(String model) {
    }

    private final ProviderService providers;
    private final WorkspaceAccess access;

    public ProviderResource(ProviderService providers, WorkspaceAccess access) {
        this.providers = providers;
        this.access = access;
    }

    @GET
    public Envelope<List<ProviderView>> list(@QueryParam("workspace_id") String workspaceId) {
        access.manager();
        return Envelope.ok(providers.list(access.targetWorkspace(workspaceId)));
    }

    @POST
    public Envelope<ProviderView> create(ProviderInput input) {
        var caller = access.manager();
        ProviderInput in = require(input);
        long workspaceId = access.targetWorkspace(in.workspaceId());
        access.requireManager(workspaceId, BotErrors.WORKSPACE_NOT_FOUND);
        return Envelope.ok(providers.create(workspaceId, caller, in));
    }

    @GET
    @Path("/{id}")
    public Envelope<ProviderView> get(@PathParam("id") String id, @QueryParam("workspace_id") String workspaceId) {
        return Envelope.ok(providers.get(memberWorkspace(id, workspaceId), id));
    }

    @PUT
    @Path("/{id}")
    public Envelope<ProviderView> update(@PathParam("id") String id, ProviderInput input) {
        long workspaceId = managedWorkspace(id);
        return Envelope.ok(providers.update(workspaceId, id, require(input)));
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> delete(@PathParam("id") String id) {
        providers.delete(managedWorkspace(id), id);
        return Envelope.ok(null);
    }

    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.WILDCARD)
    public Envelope<TestResult> test(@PathParam("id") String id, @QueryParam("workspace_id") String workspaceId, TestRequest request) {
        long ws = memberWorkspace(id, workspaceId);
        return Envelope.ok(providers.test(ws, id, request == null ? null : request.model()));
    }

    /** The platform provider belongs to every workspace; a stored one only to its own. */
    private long memberWorkspace(String id, String requested) {
        access.manager();
        if (ProviderService.PLATFORM_ID.equals(id)) {
            return access.targetWorkspace(requested);
        }
        long ws = providers.workspaceOf(id).orElseThrow(() -> new DomainException(BotErrors.PROVIDER_NOT_FOUND));
        access.requireMember(ws, BotErrors.PROVIDER_NOT_FOUND);
        return ws;
    }

    private long managedWorkspace(String id) {
        access.manager();
        if (ProviderService.PLATFORM_ID.equals(id)) {
            throw new DomainException(BotErrors.BUILT_IN_PROVIDER);
        }
        long ws = providers.workspaceOf(id).orElseThrow(() -> new DomainException(BotErrors.PROVIDER_NOT_FOUND));
        access.requireManager(ws, BotErrors.PROVIDER_NOT_FOUND);
        return ws;
    }

    private static ProviderInput require(ProviderInput input) {
        if (input == null) {
            throw new DomainException(BotErrors.INVALID_PROVIDER, "the body must be a JSON object");
        }
        return input;
    }
}

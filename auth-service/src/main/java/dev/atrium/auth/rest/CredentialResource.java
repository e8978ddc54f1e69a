package dev.atrium.auth.rest;

import java.util.List;

import dev.atrium.auth.AuthErrors;
import dev.atrium.auth.Credential;
import dev.atrium.auth.api.AuthApi.CreateApiKeyRequest;
import dev.atrium.auth.api.AuthApi.CreateTokenRequest;
import dev.atrium.auth.api.AuthApi.CreatedToken;
import dev.atrium.auth.api.AuthApi.TokenInfo;
import dev.atrium.auth.service.CredentialService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import dev.atrium.core.identity.CurrentCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Personal access tokens and app API keys of the calling user. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialResource {

    /** Managing tokens needs a login session, an unscoped PAT, or a PAT with this scope. */
    static final String TOKENS_SCOPE = "tokens";

    private final CredentialService credentials;
    private final CurrentCaller caller;

    public CredentialResource(CredentialService credentials, CurrentCaller caller) {
        this.credentials = credentials;
        this.caller = caller;
    }

    @POST
    @Path("/tokens")
    public Envelope<CreatedToken> createToken(@Valid @NotNull CreateTokenRequest request) {
        return Envelope.ok(credentials.createPat(caller.require(TOKENS_SCOPE), request));
    }

    @GET
    @Path("/tokens")
    public Envelope<List<TokenInfo>> listTokens() {
        return Envelope.ok(credentials.list(caller.require(TOKENS_SCOPE), Credential.PAT));
    }

    @DELETE
    @Path("/tokens/{id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> revokeToken(@PathParam("id") String id) {
        Caller me = caller.require(TOKENS_SCOPE);
        credentials.revoke(me, parse(id), Credential.PAT);
        return Envelope.ok(null);
    }

    @POST
    @Path("/api-keys")
    public Envelope<CreatedToken> createApiKey(@Valid @NotNull CreateApiKeyRequest request) {
        return Envelope.ok(credentials.createApiKey(caller.require(TOKENS_SCOPE), request));
    }

    @GET
    @Path("/api-keys")
    public Envelope<List<TokenInfo>> listApiKeys() {
        return Envelope.ok(credentials.list(caller.require(TOKENS_SCOPE), Credential.API_KEY));
    }

    @DELETE
    @Path("/api-keys/{id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> revokeApiKey(@PathParam("id") String id) {
        Caller me = caller.require(TOKENS_SCOPE);
        credentials.revoke(me, parse(id), Credential.API_KEY);
        return Envelope.ok(null);
    }

    private static long parse(String id) {
        return Ids.parse(id).orElseThrow(() -> new DomainException(AuthErrors.TOKEN_NOT_FOUND));
    }
}

package dev.atrium.auth.rest;

import dev.atrium.auth.api.AuthApi.LoginRequest;
import dev.atrium.auth.api.AuthApi.RefreshRequest;
import dev.atrium.auth.api.AuthApi.RegisterRequest;
import dev.atrium.auth.api.AuthApi.TokenPair;
import dev.atrium.auth.api.AuthApi.UserInfo;
import dev.atrium.auth.mapping.AuthMapper;
import dev.atrium.auth.service.AccountService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.identity.CurrentCaller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final CurrentCaller caller;

    public AuthResource(AccountService accounts, CurrentCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    public Envelope<TokenPair> register(@Valid @NotNull RegisterRequest request) {
        return Envelope.ok(accounts.register(request));
    }

    @POST
    @Path("/login")
    public Envelope<TokenPair> login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        return Envelope.ok(accounts.login(request, ClientAddress.of(http)));
    }

    @POST
    @Path("/refresh")
    public Envelope<TokenPair> refresh(@Valid @NotNull RefreshRequest request) {
        return Envelope.ok(accounts.refresh(request.refreshToken()));
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> logout() {
        accounts.logout(caller.require());
        return Envelope.ok(null);
    }

    @GET
    @Path("/me")
    public Envelope<UserInfo> me() {
        return Envelope.ok(AuthMapper.userInfo(accounts.me(caller.require())));
    }
}

package dev.atrium.auth.rest;

import dev.atrium.auth.service.KeyService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/** The public signing keys, in standard JWKS form (no envelope: JWT libraries read it directly). */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final KeyService keys;

    public JwksResource(KeyService keys) {
        this.keys = keys;
    }

    @GET
    @Produces("application/json")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(keys.jwksJson()).cacheControl(cache).build();
    }
}

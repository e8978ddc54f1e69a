package dev.atrium.gateway.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.atrium.core.error.DomainException;
import dev.atrium.core.identity.IdentityFilter;
import dev.atrium.gateway.GatewayErrors;
import dev.atrium.gateway.auth.Authenticator;
import dev.atrium.gateway.auth.Identity;
import dev.atrium.gateway.openapi.OpenApiAggregator;
import dev.atrium.gateway.proxy.ForwardedHeaders;
import dev.atrium.gateway.proxy.HttpProxy;
import dev.atrium.gateway.proxy.WebSocketProxy;
import dev.atrium.gateway.ratelimit.RateDecision;
import dev.atrium.gateway.ratelimit.RateLimiter;
import dev.atrium.gateway.routing.PublicRoutes;
import dev.atrium.gateway.routing.Route;
import dev.atrium.gateway.routing.RouteTable;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The gateway's single entry: every request that is not one of the gateway's own {@code /q/*} endpoints is
 * routed, authenticated, rate limited and proxied here, all on the event loop (the only blocking step, a JWKS
 * fetch during JWT verification, runs on a worker inside {@link Authenticator}).
 */
@ApplicationScoped
public class GatewayRouter {

    /**
     * After Quarkus' own routes (health, metrics, openapi, swagger-ui at or below the default orders), which
     * therefore keep answering, but before RESTEasy Reactive's catch-all (order 20 500), which would answer
     * every path it does not know with a 404.
     */
    public static final int ORDER = RouteConstants.ROUTE_ORDER_AFTER_DEFAULT + 400;
    private static final Logger LOG = Logger.getLogger(GatewayRouter.class);

    private final RouteTable routes;
    private final PublicRoutes publicRoutes;
    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final HttpProxy http;
    private final WebSocketProxy webSockets;
    private final OpenApiAggregator openApi;
    private final Replies replies;

    public GatewayRouter(RouteTable routes, PublicRoutes publicRoutes, Authenticator authenticator, RateLimiter limiter,
                         HttpProxy http, WebSocketProxy webSockets, OpenApiAggregator openApi, Replies replies) {
        this.routes = routes;
        this.publicRoutes = publicRoutes;
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.http = http;
        this.webSockets = webSockets;
        this.openApi = openApi;
        this.replies = replies;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String path;
        try {
            path = ctx.normalizedPath();
        } catch (IllegalArgumentException e) {
            replies.error(ctx, GatewayErrors.BAD_REQUEST);
            return;
        }
        if (path.equals("/q") || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        HttpServerRequest req = ctx.request();
        req.pause();
        String ip = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
        boolean openApiPath = path.startsWith(OpenApiAggregator.PREFIX);
        Optional<Route> route = openApiPath ? Optional.empty() : routes.match(path);
        if (!openApiPath && route.isEmpty()) {
            anonymous(ctx, ip, decision -> replies.error(ctx, GatewayErrors.NO_ROUTE));
            return;
        }
        boolean webSocket = ForwardedHeaders.isWebSocketUpgrade(req);
        if (publicRoutes.isPublic(req.method().name(), path)) {
            anonymous(ctx, ip, decision -> dispatch(ctx, route, path, null, null, decision));
            return;
        }
        String credential = IdentityFilter.bearer(req.getHeader("Authorization"));
        if (credential == null && webSocket) {
            // browsers cannot set headers on a WebSocket handshake
            try {
                credential = blankToNull(req.getParam("token"));
            } catch (IllegalArgumentException e) {
                replies.error(ctx, GatewayErrors.BAD_REQUEST);
                return;
            }
        }
        boolean remote = credential != null && (credential.startsWith("pat_") || credential.startsWith("ak_"));
        if (remote && limiter.rejectedCredentialsExhausted(ip)) {
            // an address that keeps presenting bad PATs / API keys is refused before auth-service is asked again
            // (JWTs are checked locally, so a valid one from the same address still gets through)
            tooMany(ctx, limiter.forRejectedCredential(ip));
            return;
        }
        authenticator.authenticate(credential).onComplete(ar -> {
            if (ar.failed()) {
                RateDecision decision = limiter.forRejectedCredential(ip);
                if (!decision.allowed()) {
                    tooMany(ctx, decision);
                    return;
                }
                decision.applyTo(ctx.response());
                replies.error(ctx, codeOf(ar.cause()));
                return;
            }
            Identity identity = ar.result();
            RateDecision decision = limiter.forPrincipal(identity.userId());
            if (!decision.allowed()) {
                tooMany(ctx, decision);
                return;
            }
            // a WebSocket upstream always finds the verified JWT in ?token=, never a token the client put there
            dispatch(ctx, route, path, identity.forwardToken(), webSocket ? identity.forwardToken() : null, decision);
        });
    }

    /** Counts a request without a verified principal against its client IP, then runs {@code next}. */
    private void anonymous(RoutingContext ctx, String ip, Consumer<RateDecision> next) {
        RateDecision decision = limiter.forClient(ip);
        if (!decision.allowed()) {
            tooMany(ctx, decision);
            return;
        }
        decision.applyTo(ctx.response());
        next.accept(decision);
    }

    private void dispatch(RoutingContext ctx, Optional<Route> route, String path, String bearer, String queryToken,
                          RateDecision decision) {
        if (route.isEmpty()) {
            openApi.handle(ctx, path);
            return;
        }
        HttpServerRequest req = ctx.request();
        String query = req.query();
        if (queryToken != null) {
            query = replaceParam(query, "token", queryToken);
        }
        String uri = query == null || query.isEmpty() ? path : path + "?" + query;
        if (ForwardedHeaders.isWebSocketUpgrade(req)) {
            webSockets.forward(ctx, route.get(), uri, bearer);
        } else {
            http.forward(ctx, route.get(), uri, bearer, decision);
        }
    }

    private void tooMany(RoutingContext ctx, RateDecision decision) {
        decision.applyTo(ctx.response());
        replies.error(ctx, GatewayErrors.RATE_LIMITED);
    }

    private static dev.atrium.core.error.ErrorCode codeOf(Throwable failure) {
        if (failure instanceof DomainException e) {
            return e.errorCode();
        }
        LOG.errorf(failure, "authentication failed unexpectedly");
        return GatewayErrors.INTERNAL;
    }

    /** Upstreams get the JWT even when the client authenticated a WebSocket with a PAT in the query. */
    static String replaceParam(String query, String name, String value) {
        StringBuilder out = new StringBuilder();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty() || pair.equals(name) || pair.startsWith(name + "=")) {
                    continue;
                }
                out.append(out.isEmpty() ? "" : "&").append(pair);
            }
        }
        out.append(out.isEmpty() ? "" : "&").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        return out.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

package dev.atrium.gateway.proxy;

import java.net.URI;

import org.jboss.logging.Logger;

import dev.atrium.gateway.config.GatewayConfig;
import dev.atrium.gateway.routing.Route;
import dev.atrium.gateway.web.Replies;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * WebSocket pass-through: the upstream handshake is made first, so a refusal (401, 404, down) reaches the client
 * as an HTTP answer; only then is the client's connection upgraded. Data frames are relayed both ways with
 * back-pressure, and a close on either side closes the other with the same code.
 */
@ApplicationScoped
public class WebSocketProxy {

    private static final Logger LOG = Logger.getLogger(WebSocketProxy.class);

    private final UpstreamClients clients;
    private final Replies replies;
    private final long connectMillis;

    public WebSocketProxy(UpstreamClients clients, Replies replies, GatewayConfig config) {
        this.clients = clients;
        this.replies = replies;
        this.connectMillis = config.upstream().connectTimeout().toMillis();
    }

    public void forward(RoutingContext ctx, Route route, String uri, String bearer) {
        HttpServerRequest req = ctx.request();
        URI base = URI.create(route.baseUrl());
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(basePath + uri)
                .setConnectTimeout(connectMillis)
                .setAllowOriginHeader(true)
                .setHeaders(ForwardedHeaders.upstreamRequest(req, Replies.logid(ctx), bearer, true));
        clients.webSockets().connect(options).onComplete(ar -> {
            if (ar.failed()) {
                refuse(ctx, ar.cause());
                return;
            }
            WebSocket upstream = ar.result();
            // frames the upstream sends before the client side is ready would otherwise be dropped
            upstream.pause();
            req.toWebSocket().onComplete(sr -> {
                if (sr.failed()) {
                    upstream.close();
                    return;
                }
                ServerWebSocket client = sr.result();
                relay(client, upstream);
                relay(upstream, client);
                upstream.resume();
            });
        });
    }

    private void refuse(RoutingContext ctx, Throwable cause) {
        if (cause instanceof UpgradeRejectedException rejected) {
            // the upstream said no (401, 404, ...): pass its answer on as it is
            var resp = ctx.response().setStatusCode(rejected.getStatus());
            String type = rejected.getHeaders() == null ? null : rejected.getHeaders().get("Content-Type");
            if (type != null) {
                resp.putHeader("Content-Type", type);
            }
            ctx.request().resume();
            if (rejected.getBody() != null) {
                resp.end(rejected.getBody());
            } else {
                resp.end();
            }
            return;
        }
        LOG.warnf("websocket upstream failed [logid %s]: %s", Replies.logid(ctx), cause.toString());
        replies.error(ctx, UpstreamFailures.codeOf(cause));
    }

    private static void relay(WebSocketBase from, WebSocketBase to) {
        from.frameHandler(frame -> {
            if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
                to.writeFrame(frame);
                if (to.writeQueueFull()) {
                    from.pause();
                    to.drainHandler(v -> from.resume());
                }
            }
        });
        from.closeHandler(v -> {
            if (!to.isClosed()) {
                to.close(closeCode(from.closeStatusCode()), from.closeReason());
            }
        });
        from.exceptionHandler(t -> {
            if (!to.isClosed()) {
                to.close((short) 1011, "peer failed");
            }
        });
    }

    /** 1005, 1006 and 1015 describe a close but may not be sent in a close frame. */
    private static short closeCode(Short received) {
        if (received == null || received == 1005) {
            return 1000;
        }
        if (received == 1006 || received == 1015) {
            return 1001;
        }
        return received;
    }
}

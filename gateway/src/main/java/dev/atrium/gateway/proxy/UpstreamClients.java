package dev.atrium.gateway.proxy;

import dev.atrium.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The gateway's outbound clients. One HTTP client for all upstreams: Vert.x keeps a separate keep-alive pool
 * per host:port, so each service gets its own pool of reused connections. Compression is left to the two
 * ends (bytes pass through untouched).
 */
@ApplicationScoped
public class UpstreamClients {

    private final HttpClient http;
    private final WebSocketClient webSockets;

    public UpstreamClients(Vertx vertx, GatewayConfig config) {
        GatewayConfig.Upstream u = config.upstream();
        int connectMillis = (int) u.connectTimeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(u.keepAliveSeconds())
                        .setPipelining(false)
                        .setTryUseCompression(false)
                        .setDecompressionSupported(false)
                        .setConnectTimeout(connectMillis)
                        .setMaxHeaderSize(32 * 1024)
                        .setName("atrium-gateway-upstream"),
                new PoolOptions().setHttp1MaxSize(u.maxConnections()).setMaxWaitQueueSize(10_000));
        this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout(connectMillis)
                .setMaxFrameSize(u.maxWebSocketFrameSize())
                .setMaxMessageSize(u.maxWebSocketMessageSize())
                .setTryUsePerMessageCompression(false)
                .setName("atrium-gateway-websocket"));
    }

    public HttpClient http() {
        return http;
    }

    public WebSocketClient webSockets() {
        return webSockets;
    }

    void close(@Observes ShutdownEvent ignored) {
        http.close();
        webSockets.close();
    }
}

package dev.atrium.gateway.proxy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.atrium.core.api.RequestIds;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/** Header rules shared by the HTTP and WebSocket paths of the proxy. */
public final class ForwardedHeaders {

    /** RFC 9110 §7.6.1 hop-by-hop headers, plus the ones the proxy sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
            "host", "expect", "http2-settings");

    private static final Set<String> WEBSOCKET_HANDSHAKE = Set.of("sec-websocket-key", "sec-websocket-version",
            "sec-websocket-extensions", "sec-websocket-accept", "sec-websocket-protocol", "content-length");

    private ForwardedHeaders() {
    }

    /**
     * The request headers an upstream receives: hop-by-hop ones dropped, the request id set, the
     * {@code X-Forwarded-*} trio describing the client's request, and (for authenticated routes) the JWT.
     */
    public static MultiMap upstreamRequest(HttpServerRequest req, String logid, String bearer, boolean webSocket) {
        Set<String> drop = hopByHop(req.headers());
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> e : req.headers()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (drop.contains(name) || name.equals(RequestIds.HEADER) || name.startsWith("x-forwarded-")
                    || name.equals("forwarded") || webSocket && WEBSOCKET_HANDSHAKE.contains(name)
                    || bearer != null && name.equals("authorization")) {
                continue;
            }
            out.add(e.getKey(), e.getValue());
        }
        out.set(RequestIds.HEADER, logid);
        String client = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        String prior = req.getHeader("X-Forwarded-For");
        if (client != null) {
            out.set("X-Forwarded-For", prior == null || prior.isBlank() ? client : prior + ", " + client);
        }
        out.set("X-Forwarded-Proto", req.scheme() == null ? "http" : req.scheme());
        String host = req.getHeader("Host");
        if (host == null && req.authority() != null) {
            host = req.authority().toString();
        }
        if (host != null) {
            out.set("X-Forwarded-Host", host);
        }
        if (bearer != null) {
            out.set("Authorization", "Bearer " + bearer);
        }
        return out;
    }

    /**
     * Copies an upstream response's headers: hop-by-hop ones, the length (the proxy decides framing), the
     * upstream's CORS headers (the gateway owns CORS) and its request id (the gateway already set the same one)
     * are left out.
     */
    public static void copyResponse(MultiMap from, MultiMap to) {
        Set<String> drop = hopByHop(from);
        for (Map.Entry<String, String> e : from) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (drop.contains(name) || name.equals("content-length") || name.startsWith("access-control-")
                    || name.equals(RequestIds.HEADER)) {
                continue;
            }
            to.add(e.getKey(), e.getValue());
        }
    }

    public static boolean isWebSocketUpgrade(HttpServerRequest req) {
        String upgrade = req.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static Set<String> hopByHop(MultiMap headers) {
        String connection = headers.get("Connection");
        if (connection == null) {
            return HOP_BY_HOP;
        }
        Set<String> all = new HashSet<>(HOP_BY_HOP);
        for (String token : connection.split(",")) {
            String t = token.trim().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                all.add(t);
            }
        }
        return all;
    }
}

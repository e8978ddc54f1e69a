package dev.atrium.gateway.proxy;

import org.jboss.logging.Logger;

import dev.atrium.gateway.GatewayErrors;
import dev.atrium.gateway.config.GatewayConfig;
import dev.atrium.gateway.ratelimit.RateDecision;
import dev.atrium.gateway.routing.Route;
import dev.atrium.gateway.web.Replies;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Streams one HTTP exchange to an upstream and back without buffering either body: request chunks are written
 * as they arrive (with back-pressure and the body size limit), response chunks are written to the client as
 * they arrive, which flushes each one, so SSE events reach the client one by one.
 */
@ApplicationScoped
public class HttpProxy {

    private static final Logger LOG = Logger.getLogger(HttpProxy.class);

    private final UpstreamClients clients;
    private final Replies replies;
    private final long maxBody;
    private final long idleMillis;

    public HttpProxy(UpstreamClients clients, Replies replies, GatewayConfig config) {
        this.clients = clients;
        this.replies = replies;
        this.maxBody = config.maxBodySize().asLongValue();
        this.idleMillis = config.upstream().idleTimeout().toMillis();
    }

    /**
     * @param uri    normalised path plus query, as sent upstream
     * @param bearer JWT to forward, or null to pass the client's Authorization through untouched (public routes)
     */
    public void forward(RoutingContext ctx, Route route, String uri, String bearer, RateDecision rate) {
        new Exchange(ctx, rate).start(route, uri, bearer);
    }

    private final class Exchange {

        private final RoutingContext ctx;
        private final HttpServerRequest req;
        private final HttpServerResponse resp;
        private final RateDecision rate;
        private HttpClientRequest upstream;
        private boolean answered;
        private boolean abandoned;

        Exchange(RoutingContext ctx, RateDecision rate) {
            this.ctx = ctx;
            this.req = ctx.request();
            this.resp = ctx.response();
            this.rate = rate;
        }

        void start(Route route, String uri, String bearer) {
            long declared = declaredLength();
            if (declared > maxBody) {
                rejectTooLarge();
                return;
            }
            RequestOptions options = new RequestOptions()
                    .setMethod(req.method())
                    .setAbsoluteURI(route.baseUrl() + uri)
                    .setIdleTimeout(idleMillis)
                    .setHeaders(ForwardedHeaders.upstreamRequest(req, Replies.logid(ctx), bearer, false));
            clients.http().request(options).onComplete(ar -> {
                if (ar.failed()) {
                    fail(ar.cause());
                    return;
                }
                if (answered || resp.closed()) {
                    ar.result().reset();
                    return;
                }
                upstream = ar.result();
                resp.closeHandler(v -> {
                    abandoned = true;
                    upstream.reset();
                });
                upstream.response().onComplete(this::relay);
                if ("100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
                    resp.writeContinue();
                }
                sendBody(declared);
            });
        }

        private void sendBody(long declared) {
            if (declared >= 0) {
                upstream.putHeader("Content-Length", Long.toString(declared));
            } else if (req.getHeader("Transfer-Encoding") != null) {
                upstream.setChunked(true);
            }
            long[] received = {0};
            req.handler(chunk -> {
                if (declared < 0 && !upstream.isChunked()) {
                    // an HTTP/2 client streams a body without Content-Length or Transfer-Encoding
                    upstream.setChunked(true);
                }
                received[0] += chunk.length();
                if (received[0] > maxBody) {
                    abandoned = true;
                    rejectTooLarge();
                    upstream.reset();
                    return;
                }
                upstream.write(chunk);
                if (upstream.writeQueueFull()) {
                    req.pause();
                    upstream.drainHandler(v -> req.resume());
                }
            });
            req.exceptionHandler(t -> upstream.reset());
            req.endHandler(v -> {
                if (!abandoned) {
                    upstream.end();
                }
            });
            req.resume();
        }

        private void relay(AsyncResult<HttpClientResponse> ar) {
            if (answered) {
                return;
            }
            if (ar.failed()) {
                fail(ar.cause());
                return;
            }
            answered = true;
            HttpClientResponse in = ar.result();
            resp.setStatusCode(in.statusCode());
            if (in.statusMessage() != null) {
                resp.setStatusMessage(in.statusMessage());
            }
            ForwardedHeaders.copyResponse(in.headers(), resp.headers());
            rate.applyTo(resp);
            String length = in.getHeader("Content-Length");
            if (length != null) {
                resp.putHeader("Content-Length", length);
            } else if (mayHaveBody(in.statusCode())) {
                resp.setChunked(true);
            }
            String type = in.getHeader("Content-Type");
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
                // nginx and friends in front of the gateway must not hold events back either
                resp.putHeader("X-Accel-Buffering", "no");
                if (in.getHeader("Cache-Control") == null) {
                    resp.putHeader("Cache-Control", "no-cache");
                }
            }
            in.handler(chunk -> write(in, chunk));
            in.exceptionHandler(t -> {
                LOG.debugf("upstream response broke off [logid %s]: %s", Replies.logid(ctx), t.toString());
                resp.reset();
            });
            in.endHandler(v -> {
                if (!resp.closed()) {
                    resp.end();
                }
            });
        }

        private void write(HttpClientResponse in, Buffer chunk) {
            if (resp.closed()) {
                return;
            }
            resp.write(chunk);
            if (resp.writeQueueFull()) {
                in.pause();
                resp.drainHandler(v -> in.resume());
            }
        }

        private boolean mayHaveBody(int status) {
            return req.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
        }

        private void fail(Throwable cause) {
            if (answered) {
                resp.reset();
                return;
            }
            answered = true;
            var code = UpstreamFailures.codeOf(cause);
            LOG.warnf("upstream request failed [logid %s]: %s", Replies.logid(ctx), cause.toString());
            rate.applyTo(resp);
            replies.error(ctx, code);
        }

        private void rejectTooLarge() {
            if (answered) {
                return;
            }
            answered = true;
            drainRest();
            rate.applyTo(resp);
            replies.error(ctx, GatewayErrors.TOO_LARGE);
        }

        /**
         * Reads and drops the rest of an oversized body (up to one more limit's worth) so the client can read
         * the 413 instead of seeing its upload cut off; beyond that the connection is closed.
         */
        private void drainRest() {
            long[] dropped = {0};
            req.handler(chunk -> {
                dropped[0] += chunk.length();
                if (dropped[0] > maxBody) {
                    req.connection().close();
                }
            });
            req.endHandler(null);
            req.resume();
        }

        private long declaredLength() {
            String value = req.getHeader("Content-Length");
            if (value == null) {
                return -1;
            }
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}

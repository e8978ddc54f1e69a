package dev.atrium.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.RequestIds;
import dev.atrium.core.error.ErrorCode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes the gateway's own answers as Atrium envelopes, with the request id core's route assigned. */
@ApplicationScoped
public class Replies {

    private final ObjectMapper mapper;

    public Replies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void error(RoutingContext ctx, ErrorCode code) {
        error(ctx, code, code.message());
    }

    public void error(RoutingContext ctx, ErrorCode code, String message) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.closed()) {
            response.reset();
            return;
        }
        if (!ctx.request().isEnded()) {
            // an unread body would otherwise keep the paused connection stuck
            ctx.request().resume();
        }
        response.setStatusCode(code.httpStatus())
                .putHeader("Content-Type", "application/json")
                .end(json(new Envelope<Void>(code.code(), message, null, new Envelope.Detail(logid(ctx)))));
    }

    public void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String logid(RoutingContext ctx) {
        Object id = ctx.get(RequestIds.MDC_KEY);
        return id == null ? RequestIds.current() : id.toString();
    }
}

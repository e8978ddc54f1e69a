package dev.atrium.core.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.RequestIds;
import dev.atrium.core.error.ErrorCode;
import dev.atrium.core.error.ErrorRange;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A request no route takes still gets a 404 envelope in the service's range, not an empty page. */
@ApplicationScoped
public class NotFoundRoute {

    void install(@Observes Router router, ErrorRange range, ObjectMapper mapper) {
        ErrorCode notFound = range.common().notFound();
        router.route().last().handler(ctx -> {
            String logid = ctx.get(RequestIds.MDC_KEY);
            Envelope<Void> body = new Envelope<>(notFound.code(), notFound.message(), null, new Envelope.Detail(logid));
            try {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end(mapper.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                ctx.fail(e);
            }
        });
    }
}

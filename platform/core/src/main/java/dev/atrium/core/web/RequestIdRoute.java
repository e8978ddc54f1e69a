package dev.atrium.core.web;

import dev.atrium.core.api.RequestIds;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/** Gives every HTTP request an id (the caller's {@code x-tt-logid} or a new one) and echoes it back. */
@ApplicationScoped
public class RequestIdRoute {

    void install(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            String id = RequestIds.sanitize(ctx.request().getHeader(RequestIds.HEADER));
            if (id == null) {
                id = RequestIds.newId();
            }
            ctx.put(RequestIds.MDC_KEY, id);
            MDC.put(RequestIds.MDC_KEY, id);
            ctx.response().putHeader(RequestIds.HEADER, id);
            ctx.next();
        });
    }
}

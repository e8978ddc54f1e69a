package dev.atrium.core.id;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Makes a bad ATRIUM_NODE_ID stop the process at start, not fail the first request that needs an id. */
@ApplicationScoped
public class IdsStartupCheck {

    void check(@Observes StartupEvent ignored) {
        Ids.next();
    }
}

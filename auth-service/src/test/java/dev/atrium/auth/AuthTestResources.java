package dev.atrium.auth;

import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real servers every auth-service test runs against (applied to the whole module). */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "atrium_auth"))
@QuarkusTestResource(KafkaResource.class)
public final class AuthTestResources {

    private AuthTestResources() {
    }
}

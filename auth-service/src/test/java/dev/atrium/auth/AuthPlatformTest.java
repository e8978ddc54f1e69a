package dev.atrium.auth;

import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.PlatformEndpointsContract;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "atrium_auth"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(FakeBots.class)
class AuthPlatformTest extends PlatformEndpointsContract {

    @Override
    protected int errorRange() {
        return 108;
    }
}

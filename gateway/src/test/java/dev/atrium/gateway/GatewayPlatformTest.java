package dev.atrium.gateway;

import dev.atrium.gateway.support.Upstreams;
import dev.atrium.testkit.JwtResource;
import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.PlatformEndpointsContract;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "atrium_gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(Upstreams.class)
class GatewayPlatformTest extends PlatformEndpointsContract {

    @Override
    protected int errorRange() {
        return 113;
    }
}

package dev.atrium.plugin;

import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.PlatformEndpointsContract;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "atrium_plugin"))
@QuarkusTestResource(KafkaResource.class)
class PluginPlatformTest extends PlatformEndpointsContract {

    @Override
    protected int errorRange() {
        return 102;
    }
}

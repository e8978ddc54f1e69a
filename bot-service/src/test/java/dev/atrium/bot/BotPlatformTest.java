package dev.atrium.bot;

import dev.atrium.bot.support.FakeAuth;
import dev.atrium.testkit.JwtResource;
import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.LlmStubResource;
import dev.atrium.testkit.PlatformEndpointsContract;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The platform contract, and the home of the real servers every bot-service test runs against (test
 * resources apply to all test classes): PostgreSQL, Kafka, the JWKS of the test kit, the LLM stub, and
 * auth-service's gRPC as {@link FakeAuth}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "atrium_bot"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(LlmStubResource.class)
@QuarkusTestResource(FakeAuth.class)
class BotPlatformTest extends PlatformEndpointsContract {

    @Override
    protected int errorRange() {
        return 100;
    }
}

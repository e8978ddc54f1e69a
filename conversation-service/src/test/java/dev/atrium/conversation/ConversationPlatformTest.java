package dev.atrium.conversation;

import dev.atrium.conversation.support.FakePlatform;
import dev.atrium.testkit.JwtResource;
import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.LlmStubResource;
import dev.atrium.testkit.PlatformEndpointsContract;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The platform contract, and the home of the real servers every conversation-service test runs against
 * (test resources apply to all test classes): PostgreSQL, Kafka, the JWKS of the test kit, the LLM stub,
 * and auth-, bot-, knowledge- and plugin-service's gRPC contracts as {@link FakePlatform}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "atrium_conversation"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(LlmStubResource.class)
@QuarkusTestResource(FakePlatform.class)
class ConversationPlatformTest extends PlatformEndpointsContract {

    @Override
    protected int errorRange() {
        return 103;
    }
}

package dev.atrium.auth;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.atrium.proto.auth.v1.AuthServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.restassured.RestAssured;

/**
 * A real gRPC channel to the service under test (gRPC shares the HTTP test port), opened on first use
 * and closed after each test: {@code @RegisterExtension final AuthChannel grpc = new AuthChannel();}.
 */
final class AuthChannel implements AfterEachCallback {

    private ManagedChannel channel;

    AuthServiceGrpc.AuthServiceBlockingStub stub() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        }
        return AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            channel = null;
        }
    }
}

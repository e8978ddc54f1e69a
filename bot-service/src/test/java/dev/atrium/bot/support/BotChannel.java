package dev.atrium.bot.support;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.atrium.proto.bot.v1.BotServiceGrpc;
import dev.atrium.proto.bot.v1.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.restassured.RestAssured;

/**
 * A real gRPC channel to the service under test (gRPC shares the HTTP test port) that sends a caller's token,
 * as the chat engine forwards its caller's: {@code @RegisterExtension final BotChannel grpc = new BotChannel();}.
 */
public final class BotChannel implements AfterEachCallback {

    private ManagedChannel channel;

    public BotServiceGrpc.BotServiceBlockingStub bots(String token) {
        return BotServiceGrpc.newBlockingStub(channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth(token)))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    public MemoryServiceGrpc.MemoryServiceBlockingStub memory(String token) {
        return MemoryServiceGrpc.newBlockingStub(channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth(token)))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private ManagedChannel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        }
        return channel;
    }

    private static Metadata auth(String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return headers;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            channel = null;
        }
    }
}

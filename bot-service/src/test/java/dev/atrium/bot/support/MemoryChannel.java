package dev.atrium.bot.support;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.atrium.core.grpc.GrpcErrors;
import dev.atrium.core.grpc.IdentityServerInterceptor;
import dev.atrium.proto.bot.v1.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.restassured.RestAssured;

/**
 * A real gRPC channel to bot-service's MemoryService (gRPC shares the HTTP test port), opened on first use
 * and closed after each test: {@code @RegisterExtension final MemoryChannel grpc = new MemoryChannel();}.
 */
public final class MemoryChannel implements AfterEachCallback {

    private ManagedChannel channel;

    /** A stub that forwards {@code token} as the caller's JWT, as other services do. */
    public MemoryServiceGrpc.MemoryServiceBlockingStub as(String token) {
        Metadata headers = new Metadata();
        headers.put(IdentityServerInterceptor.AUTHORIZATION, "Bearer " + token);
        return anonymous().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public MemoryServiceGrpc.MemoryServiceBlockingStub anonymous() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        }
        return MemoryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** The Atrium code a failed call carried in its trailers. */
    public static String code(StatusRuntimeException e) {
        return e.getTrailers() == null ? null : e.getTrailers().get(GrpcErrors.CODE);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            channel = null;
        }
    }
}

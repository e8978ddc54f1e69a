package dev.atrium.gateway.client;

import java.util.concurrent.TimeUnit;

import dev.atrium.gateway.config.GatewayConfig;
import dev.atrium.proto.auth.v1.MutinyAuthServiceGrpc;
import dev.atrium.proto.auth.v1.Principal;
import dev.atrium.proto.auth.v1.ResolveCredentialRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** auth-service's ResolveCredential, non-blocking and with a deadline so a hung auth-service cannot pile up requests. */
@ApplicationScoped
public class AuthClient {

    private final MutinyAuthServiceGrpc.MutinyAuthServiceStub stub;
    private final long timeoutMillis;

    public AuthClient(@GrpcClient("auth") MutinyAuthServiceGrpc.MutinyAuthServiceStub stub, GatewayConfig config) {
        this.stub = stub;
        this.timeoutMillis = config.auth().resolveTimeout().toMillis();
    }

    public Uni<Principal> resolve(String credential) {
        return stub.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                .resolveCredential(ResolveCredentialRequest.newBuilder().setCredential(credential).build());
    }
}

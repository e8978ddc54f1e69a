package dev.atrium.core.grpc;

import dev.atrium.core.identity.CurrentCaller;
import dev.atrium.core.identity.IdentityFilter;
import dev.atrium.core.identity.TokenVerifier;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Restores the caller from the JWT forwarded in the {@code authorization} metadata of a gRPC call. */
@ApplicationScoped
@GlobalInterceptor
public class IdentityServerInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final TokenVerifier verifier;

    public IdentityServerInterceptor(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String token = IdentityFilter.bearer(headers.get(AUTHORIZATION));
        if (token == null) {
            return next.startCall(call, headers);
        }
        return verifier.verify(token)
                .map(caller -> Contexts.interceptCall(Context.current().withValue(CurrentCaller.GRPC_KEY, caller),
                        call, headers, next))
                .orElseGet(() -> next.startCall(call, headers));
    }
}

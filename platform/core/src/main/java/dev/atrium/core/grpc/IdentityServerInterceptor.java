package dev.atrium.core.grpc;

import dev.atrium.core.identity.CurrentCaller;
import dev.atrium.core.identity.IdentityFilter;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Carries the JWT forwarded in the {@code authorization} metadata of a gRPC call into the call's
 * context; {@link CurrentCaller} verifies it when the service asks who is calling.
 */
@ApplicationScoped
@GlobalInterceptor
public class IdentityServerInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String token = IdentityFilter.bearer(headers.get(AUTHORIZATION));
        if (token == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(CurrentCaller.GRPC_TOKEN, token), call, headers, next);
    }
}

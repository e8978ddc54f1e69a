package dev.atrium.core.grpc;

import dev.atrium.core.identity.Caller;
import dev.atrium.core.identity.CurrentCaller;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/** Forwards the current caller's JWT on every outgoing gRPC call, so identity crosses services. */
@ApplicationScoped
@GlobalInterceptor
public class IdentityClientInterceptor implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Optional<String> token = currentToken();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                if (token.isPresent() && !headers.containsKey(IdentityServerInterceptor.AUTHORIZATION)) {
                    headers.put(IdentityServerInterceptor.AUTHORIZATION, "Bearer " + token.get());
                }
                super.start(listener, headers);
            }
        };
    }

    private static Optional<String> currentToken() {
        String grpcToken = CurrentCaller.GRPC_TOKEN.get();
        if (grpcToken != null) {
            return Optional.of(grpcToken);
        }
        InjectableContext requestContext = Arc.container().getActiveContext(RequestScoped.class);
        if (requestContext == null) {
            return Optional.empty();
        }
        return Arc.container().instance(CurrentCaller.class).get().get().map(Caller::rawToken);
    }
}

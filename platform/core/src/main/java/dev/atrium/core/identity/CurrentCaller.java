package dev.atrium.core.identity;

import java.util.Optional;

import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorRange;
import io.grpc.Context;
import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current request, set by {@link IdentityFilter} for REST. For gRPC,
 * {@link dev.atrium.core.grpc.IdentityServerInterceptor} only places the presented token in the gRPC
 * context (interceptors run on the event loop, and verification may block); it is verified here, on
 * first use, on the thread that serves the call.
 */
@RequestScoped
public class CurrentCaller {

    public static final Context.Key<String> GRPC_TOKEN = Context.key("atrium-token");

    private final ErrorRange range;
    private final TokenVerifier verifier;
    private Caller caller;
    private boolean grpcTokenChecked;

    public CurrentCaller(ErrorRange range, TokenVerifier verifier) {
        this.range = range;
        this.verifier = verifier;
    }

    void set(Caller caller) {
        this.caller = caller;
    }

    /**
     * Makes {@code caller} the caller of the active request context, for work that arrives without an HTTP
     * request or gRPC call (a WebSocket message): the code that verified the caller's token with
     * {@link TokenVerifier} activates a request context and calls this before using request-scoped beans.
     */
    public void use(Caller caller) {
        this.caller = java.util.Objects.requireNonNull(caller, "caller");
    }

    public Optional<Caller> get() {
        if (caller == null && !grpcTokenChecked) {
            grpcTokenChecked = true;
            String token = GRPC_TOKEN.get();
            if (token != null) {
                caller = verifier.verify(token).orElse(null);
            }
        }
        return Optional.ofNullable(caller);
    }

    /** The caller, or a 401 in this service's range. */
    public Caller require() {
        return get().orElseThrow(() -> new DomainException(range.common().unauthenticated()));
    }

    /** The caller when its token grants {@code scope} ({@link Caller#hasScope}); 401 or 403 otherwise. */
    public Caller require(String scope) {
        Caller caller = require();
        if (!caller.hasScope(scope)) {
            throw new DomainException(range.common().forbidden(), "the token lacks the '" + scope + "' scope");
        }
        return caller;
    }
}

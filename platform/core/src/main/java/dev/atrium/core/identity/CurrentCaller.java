package dev.atrium.core.identity;

import java.util.Optional;

import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorRange;
import io.grpc.Context;
import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current request, set by {@link IdentityFilter} for REST and by
 * {@link dev.atrium.core.grpc.IdentityServerInterceptor} (gRPC context) for gRPC.
 */
@RequestScoped
public class CurrentCaller {

    public static final Context.Key<Caller> GRPC_KEY = Context.key("atrium-caller");

    private final ErrorRange range;
    private Caller caller;

    public CurrentCaller(ErrorRange range) {
        this.range = range;
    }

    void set(Caller caller) {
        this.caller = caller;
    }

    public Optional<Caller> get() {
        if (caller != null) {
            return Optional.of(caller);
        }
        return Optional.ofNullable(GRPC_KEY.get());
    }

    /** The caller, or a 401 in this service's range. */
    public Caller require() {
        return get().orElseThrow(() -> new DomainException(range.common().unauthenticated()));
    }
}

package dev.atrium.core.grpc;

import dev.atrium.core.error.DomainException;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Closes a failed gRPC call with the Atrium code in its trailers ({@link GrpcErrors}). */
@ApplicationScoped
public class DomainExceptionHandlerProvider implements ExceptionHandlerProvider {

    private static final Logger LOG = Logger.getLogger(DomainExceptionHandlerProvider.class);

    @Override
    public <Q, R> ExceptionHandler<Q, R> createHandler(ServerCall.Listener<Q> listener, ServerCall<Q, R> call,
                                                       Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<Q, R> serverCall, Metadata trailers) {
                StatusRuntimeException status = toStatusRuntime(failure);
                Metadata out = status.getTrailers() == null ? new Metadata() : status.getTrailers();
                serverCall.close(status.getStatus(), out);
            }
        };
    }

    @Override
    public Throwable transform(Throwable failure) {
        return toStatusRuntime(failure);
    }

    static StatusRuntimeException toStatusRuntime(Throwable failure) {
        if (failure instanceof DomainException domain) {
            return GrpcErrors.toStatus(domain);
        }
        if (failure instanceof StatusRuntimeException sre) {
            return sre;
        }
        if (failure instanceof StatusException se) {
            return se.getStatus().asRuntimeException(se.getTrailers());
        }
        LOG.error("gRPC call failed", failure);
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }
}

package dev.atrium.core.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.RequestIds;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorCode;
import dev.atrium.core.error.ErrorRange;
import dev.atrium.core.grpc.GrpcErrors;
import io.grpc.StatusRuntimeException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The one place where failures become envelopes: domain errors keep their code, validation is 400,
 * framework errors keep their status, errors from another service (gRPC) keep that service's code, and
 * anything unexpected is 500 with the request id logged and no stack trace in the body.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);
    private final CommonErrors errors;

    public ErrorMapper(ErrorRange range) {
        this.errors = range.common();
    }

    public static Response toResponse(ErrorCode code, String message) {
        return Response.status(code.httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Envelope.error(code.code(), message == null ? code.message() : message))
                .build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response domain(DomainException e) {
        return toResponse(e.errorCode(), e.getMessage());
    }

    @ServerExceptionMapper(priority = 1)
    public Response validation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(ErrorMapper::describe)
                .collect(Collectors.joining("; "));
        return toResponse(errors.validation(), detail.isEmpty() ? errors.validation().message() : detail);
    }

    /** Jackson's own mapper for this subtype answers without a body; ours keeps the envelope. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        return toResponse(errors.malformedBody(), "malformed request body: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper(priority = 1)
    public Response grpc(StatusRuntimeException e) {
        ErrorCode code = GrpcErrors.codeOf(e, errors);
        if (code.httpStatus() >= 500) {
            LOG.errorf("upstream call failed [logid %s]: %s", RequestIds.current(), e.getStatus());
        }
        return toResponse(code, GrpcErrors.messageOf(e, code));
    }

    @ServerExceptionMapper(priority = 1)
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "request failed [logid %s]", RequestIds.current());
            return toResponse(errors.internal(), null);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json);
        }
        ErrorCode code = errors.forStatus(status);
        String message = status == 400 && e.getMessage() != null ? e.getMessage() : code.message();
        return toResponse(code, message);
    }

    @ServerExceptionMapper(priority = 10)
    public Response unexpected(Throwable e) {
        if (e instanceof IllegalArgumentException && e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        if (isUniqueViolation(e)) {
            // two requests raced past the service's own existence check; the database kept the invariant
            return toResponse(errors.conflict(), "a resource with the same unique value already exists");
        }
        LOG.errorf(e, "unexpected failure [logid %s]", RequestIds.current());
        return toResponse(errors.internal(), "internal error, logid " + RequestIds.current());
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        String field = dot >= 0 ? path.substring(dot + 1) : path;
        return field + " " + v.getMessage();
    }
}

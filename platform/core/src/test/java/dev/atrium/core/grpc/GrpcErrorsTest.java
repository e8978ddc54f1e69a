package dev.atrium.core.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

class GrpcErrorsTest {

    @Test
    void aDomainErrorCrossesGrpcWithItsCodeAndMessage() {
        ErrorCode botMissing = ErrorCode.of(100, 404, 7, "bot not found");
        StatusRuntimeException wire = GrpcErrors.toStatus(new DomainException(botMissing, "bot 42 not found"));
        assertEquals(Status.Code.NOT_FOUND, wire.getStatus().getCode());

        DomainException rebuilt = GrpcErrors.toDomain(wire, new CommonErrors(103));
        assertEquals(100404007, rebuilt.errorCode().code());
        assertEquals(404, rebuilt.errorCode().httpStatus());
        assertEquals("bot 42 not found", rebuilt.getMessage());
    }

    @Test
    void aStatusWithoutTrailersMapsToTheCallersRange() {
        StatusRuntimeException wire = Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException();
        assertEquals(103503001, GrpcErrors.codeOf(wire, new CommonErrors(103)).code());
        StatusRuntimeException denied = Status.PERMISSION_DENIED.asRuntimeException();
        assertEquals(103403001, GrpcErrors.codeOf(denied, new CommonErrors(103)).code());
    }
}

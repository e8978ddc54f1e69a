package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.atrium.core.grpc.GrpcErrors;
import dev.atrium.proto.auth.v1.CredentialType;
import dev.atrium.proto.auth.v1.ExchangeTokenRequest;
import dev.atrium.proto.auth.v1.Principal;
import dev.atrium.proto.auth.v1.ResolveCredentialRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The gRPC contract the gateway relies on, called over a real channel on the HTTP port. */
@QuarkusTest
class AuthGrpcTest {

    @RegisterExtension
    final AuthChannel grpc = new AuthChannel();

    @Test
    void resolvesAPatToItsUserWorkspacesScopesAndAShortLivedJwt() {
        Users.Registered u = Users.register("grpc");
        String pat = given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "g", "scopes", java.util.List.of("chat"))).post("/api/v1/auth/tokens")
                .then().statusCode(200).extract().path("data.token");
        Principal p = grpc.stub().resolveCredential(ResolveCredentialRequest.newBuilder().setCredential(pat).build());
        assertEquals(u.id(), p.getUserId());
        assertEquals(u.username(), p.getUsername());
        assertEquals(CredentialType.CREDENTIAL_TYPE_PAT, p.getCredentialType());
        assertEquals(java.util.List.of("chat"), p.getScopesList());
        assertEquals(1, p.getWorkspacesCount());
        assertEquals("owner", p.getWorkspaces(0).getRole());
        assertFalse(p.getAccessToken().isEmpty());
        long ttl = p.getAccessTokenExpiresAt() - java.time.Instant.now().getEpochSecond();
        assertTrue(ttl > 800 && ttl <= 900, "exchanged token lives 15 minutes, was " + ttl);

        given().header("Authorization", "Bearer " + p.getAccessToken()).get("/api/v1/auth/me").then().statusCode(200);
        String exchanged = grpc.stub().exchangeToken(ExchangeTokenRequest.newBuilder().setToken(pat).build()).getAccessToken();
        given().header("Authorization", "Bearer " + exchanged).get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void resolvesASessionJwt() {
        Users.Registered u = Users.register("grpcjwt");
        Principal p = grpc.stub().resolveCredential(ResolveCredentialRequest.newBuilder().setCredential(u.accessToken()).build());
        assertEquals(CredentialType.CREDENTIAL_TYPE_JWT, p.getCredentialType());
        assertEquals(u.id(), p.getUserId());
        assertEquals(1, p.getWorkspacesCount());
    }

    @Test
    void rejectsUnknownAndRevokedCredentialsWithTheAtriumCodeInTrailers() {
        Users.Registered u = Users.register("grpcbad");
        var created = given().header("Authorization", u.bearer()).contentType(ContentType.JSON).body(Map.of("name", "r"))
                .post("/api/v1/auth/tokens").then().statusCode(200).extract().jsonPath();
        given().header("Authorization", u.bearer()).delete("/api/v1/auth/tokens/" + created.getString("data.id")).then().statusCode(200);

        for (String bad : new String[]{created.getString("data.token"), "pat_nonexistent", "ak_nonexistent", "not.a.jwt", ""}) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> grpc.stub().resolveCredential(ResolveCredentialRequest.newBuilder().setCredential(bad).build()));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
            assertEquals("108401002", e.getTrailers().get(GrpcErrors.CODE));
        }
    }
}

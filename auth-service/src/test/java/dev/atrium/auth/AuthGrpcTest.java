package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.atrium.core.grpc.GrpcErrors;
import dev.atrium.proto.auth.v1.CredentialType;
import dev.atrium.proto.auth.v1.ExchangeTokenRequest;
import dev.atrium.proto.auth.v1.GetCallerPrincipalRequest;
import dev.atrium.proto.auth.v1.Principal;
import dev.atrium.proto.auth.v1.ResolveCredentialRequest;
import dev.atrium.proto.auth.v1.WorkspaceRole;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
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

    @Test
    void principalsNameTheKindAndRoleOfEachWorkspace() {
        Users.Registered u = Users.register("grpckind");
        Users.Registered colleague = Users.register("grpcmate");
        String personal = given().header("Authorization", u.bearer()).get("/api/v1/workspaces").then().statusCode(200)
                .extract().path("data.items[0].id");

        Map<String, WorkspaceRole> fresh = byId(resolve(u.accessToken()));
        assertEquals(List.of(personal), List.copyOf(fresh.keySet()));
        assertEquals("personal", fresh.get(personal).getWorkspaceType());
        assertEquals("owner", fresh.get(personal).getRole());

        String team = given().header("Authorization", u.bearer()).contentType(ContentType.JSON).body(Map.of("name", "Kinds"))
                .post("/api/v1/workspaces").then().statusCode(200).extract().path("data.id");
        String pat = given().header("Authorization", u.bearer()).contentType(ContentType.JSON).body(Map.of("name", "kinds"))
                .post("/api/v1/auth/tokens").then().statusCode(200).extract().path("data.token");
        for (Principal p : List.of(resolve(u.accessToken()), resolve(pat), callerPrincipal(u.bearer()))) {
            Map<String, WorkspaceRole> workspaces = byId(p);
            assertEquals(2, workspaces.size(), p.getCredentialType() + " lists both workspaces");
            assertEquals("personal", workspaces.get(personal).getWorkspaceType());
            assertEquals("owner", workspaces.get(personal).getRole());
            assertEquals("team", workspaces.get(team).getWorkspaceType());
            assertEquals("owner", workspaces.get(team).getRole());
        }

        given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("user_id", colleague.id(), "role", "member")).post("/api/v1/workspaces/" + team + "/members")
                .then().statusCode(200);
        Map<String, WorkspaceRole> joined = byId(callerPrincipal(colleague.bearer()));
        assertEquals(2, joined.size(), "the colleague's own personal workspace and the team");
        assertEquals("team", joined.get(team).getWorkspaceType());
        assertEquals("member", joined.get(team).getRole());
        assertEquals(1, joined.values().stream().filter(w -> "personal".equals(w.getWorkspaceType())).count());

        String key = given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "kinds", "bot_id", FakeBots.newBot(team), "workspace_id", team)).post("/api/v1/auth/api-keys")
                .then().statusCode(200).extract().path("data.token");
        Principal keyed = resolve(key);
        assertEquals(1, keyed.getWorkspacesCount());
        assertEquals(team, keyed.getWorkspaces(0).getWorkspaceId());
        assertEquals("team", keyed.getWorkspaces(0).getWorkspaceType());
        Principal keyedCaller = callerPrincipal("Bearer " + keyed.getAccessToken());
        assertEquals(List.of(keyed.getWorkspaces(0)), keyedCaller.getWorkspacesList());
    }

    private Principal resolve(String credential) {
        return grpc.stub().resolveCredential(ResolveCredentialRequest.newBuilder().setCredential(credential).build());
    }

    private Principal callerPrincipal(String bearer) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), bearer);
        return grpc.stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .getCallerPrincipal(GetCallerPrincipalRequest.getDefaultInstance());
    }

    private static Map<String, WorkspaceRole> byId(Principal p) {
        return p.getWorkspacesList().stream().collect(Collectors.toMap(WorkspaceRole::getWorkspaceId, Function.identity()));
    }
}

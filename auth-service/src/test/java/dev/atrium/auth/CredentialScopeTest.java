package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.atrium.proto.auth.v1.CredentialType;
import dev.atrium.proto.auth.v1.ExchangeTokenRequest;
import dev.atrium.proto.auth.v1.Principal;
import dev.atrium.proto.auth.v1.ResolveCredentialRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What the JWT a PAT or API key is exchanged for may do: no more than the credential allows. */
@QuarkusTest
class CredentialScopeTest {

    @RegisterExtension
    final AuthChannel grpc = new AuthChannel();

    @Test
    void anApiKeyChatsButCannotManageTheAccountOrSeeOtherWorkspaces() {
        Users.Registered u = Users.register("widget");
        String personal = given().header("Authorization", u.bearer()).get("/api/v1/workspaces").then()
                .extract().path("data.items[0].id");
        String team = given().header("Authorization", u.bearer()).contentType(ContentType.JSON).body(Map.of("name", "Team"))
                .post("/api/v1/workspaces").then().statusCode(200).extract().path("data.id");
        String bot = FakeBots.newBot(team);
        String key = given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "site", "bot_id", bot, "workspace_id", team)).post("/api/v1/auth/api-keys")
                .then().statusCode(200).extract().path("data.token");

        Principal p = grpc.stub().resolveCredential(ResolveCredentialRequest.newBuilder().setCredential(key).build());
        assertEquals(CredentialType.CREDENTIAL_TYPE_API_KEY, p.getCredentialType());
        assertEquals(List.of("chat"), p.getScopesList());
        assertEquals(bot, p.getBotId());
        assertEquals(1, p.getWorkspacesCount());
        assertEquals(team, p.getWorkspaces(0).getWorkspaceId());

        String keyJwt = "Bearer " + p.getAccessToken();
        given().header("Authorization", keyJwt).delete("/api/v1/workspaces/" + team).then().statusCode(403)
                .body("code", equalTo(108403001));
        given().header("Authorization", keyJwt).get("/api/v1/workspaces").then().statusCode(403);
        given().header("Authorization", keyJwt).get("/api/v1/auth/tokens").then().statusCode(403);
        given().header("Authorization", keyJwt).contentType(ContentType.JSON).body(Map.of("name", "escalate"))
                .post("/api/v1/auth/tokens").then().statusCode(403);
        given().header("Authorization", u.bearer()).get("/api/v1/workspaces/" + team).then().statusCode(200);

        // the exchanged token opens only the key's workspace, and never with platform-admin rights
        Principal again = grpc.stub().resolveCredential(ResolveCredentialRequest.newBuilder().setCredential(p.getAccessToken()).build());
        assertEquals(1, again.getWorkspacesCount());
        assertEquals(team, again.getWorkspaces(0).getWorkspaceId());
        assertEquals("user", again.getRole());
        org.junit.jupiter.api.Assertions.assertNotEquals(personal, again.getWorkspaces(0).getWorkspaceId());
    }

    @Test
    void aScopedPatCannotMintAWiderToken() {
        Users.Registered u = Users.register("narrow");
        String scoped = given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "ci", "scopes", List.of("tokens", "bots:read"))).post("/api/v1/auth/tokens")
                .then().statusCode(200).extract().path("data.token");
        String jwt = "Bearer " + grpc.stub().exchangeToken(ExchangeTokenRequest.newBuilder().setToken(scoped).build()).getAccessToken();

        given().header("Authorization", jwt).contentType(ContentType.JSON).body(Map.of("name", "wide"))
                .post("/api/v1/auth/tokens").then().statusCode(403).body("code", equalTo(108403002));
        given().header("Authorization", jwt).contentType(ContentType.JSON)
                .body(Map.of("name", "wider", "scopes", List.of("bots:read", "workspaces"))).post("/api/v1/auth/tokens")
                .then().statusCode(403);
        given().header("Authorization", jwt).contentType(ContentType.JSON)
                .body(Map.of("name", "same", "scopes", List.of("bots:read"))).post("/api/v1/auth/tokens")
                .then().statusCode(200).body("data.scopes", equalTo(List.of("bots:read")));
        given().header("Authorization", jwt).get("/api/v1/workspaces").then().statusCode(403);
    }

    @Test
    void aForwardedJwtIsRestoredOnTheServerSideOfAGrpcCall() {
        Users.Registered u = Users.register("forwarded");
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), u.bearer());
        Principal p = grpc.stub().withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
                .getCallerPrincipal(dev.atrium.proto.auth.v1.GetCallerPrincipalRequest.getDefaultInstance());
        assertEquals(u.id(), p.getUserId());
        assertEquals("owner", p.getWorkspaces(0).getRole());

        io.grpc.StatusRuntimeException anonymous = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                () -> grpc.stub().getCallerPrincipal(dev.atrium.proto.auth.v1.GetCallerPrincipalRequest.getDefaultInstance()));
        assertEquals(io.grpc.Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
        assertEquals("108401001", anonymous.getTrailers().get(dev.atrium.core.grpc.GrpcErrors.CODE));
    }
}

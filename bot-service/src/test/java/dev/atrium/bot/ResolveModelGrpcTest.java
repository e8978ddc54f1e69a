package dev.atrium.bot;

import static dev.atrium.bot.BotFlowTest.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.bot.support.BotChannel;
import dev.atrium.proto.bot.v1.ModelTarget;
import dev.atrium.proto.bot.v1.ResolveModelRequest;
import dev.atrium.proto.bot.v1.ResolvedModel;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ResolveModelGrpcTest {

    @RegisterExtension
    final BotChannel grpc = new BotChannel();

    @InjectJwtKit
    JwtKit jwt;

    @InjectLlmStub
    OpenAiStub llm;

    Account alice;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "alice");
    }

    @Test
    void withoutProviderAWorkspaceWithoutDefaultGetsThePlatformProviderDecrypted() {
        ResolvedModel r = grpc.bots(alice.token()).resolveModel(request(alice.workspace(), "", ""));
        ModelTarget t = r.getTarget();
        assertEquals("platform", t.getProviderId());
        assertEquals("openai", t.getProviderType());
        assertEquals(llm.baseUrl(), t.getBaseUrl());
        assertEquals("sk-platform-test-key-0123456789", t.getApiKey());
        assertEquals("stub-model", t.getModel());
        assertEquals(0, r.getFallbackCount());
    }

    @Test
    void resolvesAWorkspaceProviderWithAnExplicitModel() {
        String providerId = createProvider(alice, "main");
        ModelTarget t = grpc.bots(alice.token()).resolveModel(request(alice.workspace(), providerId, "m-other")).getTarget();
        assertEquals(providerId, t.getProviderId());
        assertEquals(llm.baseUrl(), t.getBaseUrl());
        assertEquals("sk-main-secret-key-000111", t.getApiKey());
        assertEquals("m-other", t.getModel());

        // the first provider became the workspace default; without a model its first model is used
        ModelTarget byDefault = grpc.bots(alice.token()).resolveModel(request(alice.workspace(), "", "")).getTarget();
        assertEquals(providerId, byDefault.getProviderId());
        assertEquals("m-main", byDefault.getModel());
    }

    @Test
    void anAppApiKeyResolvesInItsOwnWorkspaceOnly() {
        String providerId = createProvider(alice, "main");
        String key = Accounts.apiKeyToken(jwt, alice, "42");
        assertEquals("sk-main-secret-key-000111",
                grpc.bots(key).resolveModel(request(alice.workspace(), providerId, "")).getTarget().getApiKey());
        long team = Accounts.teamWorkspace(alice);
        assertCode(100404006, () -> grpc.bots(key).resolveModel(request(Long.toString(team), "", "")));
    }

    @Test
    void strangersAndUnparsableWorkspacesAreNotFound() {
        String providerId = createProvider(alice, "main");
        Account mallory = Accounts.create(jwt, "mallory");
        assertCode(100404006, () -> grpc.bots(mallory.token()).resolveModel(request(alice.workspace(), providerId, "")));
        assertCode(100404006, () -> grpc.bots(mallory.token()).resolveModel(request(alice.workspace(), "", "")));
        assertCode(100404006, () -> grpc.bots(alice.token()).resolveModel(request("not-a-number", "", "")));
        assertCode(100404006, () -> grpc.bots(alice.token()).resolveModel(request("", "", "")));
        StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class,
                () -> grpc.bots(null).resolveModel(request(alice.workspace(), "", "")));
        assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
    }

    @Test
    void unknownProvidersAndThoseOfOtherWorkspacesAreNotFound() {
        Account bob = Accounts.create(jwt, "bob");
        String bobsProvider = createProvider(bob, "bobs");
        assertCode(100404005, () -> grpc.bots(alice.token()).resolveModel(request(alice.workspace(), "12345", "")));
        assertCode(100404005, () -> grpc.bots(alice.token()).resolveModel(request(alice.workspace(), "nope", "")));
        assertCode(100404005, () -> grpc.bots(alice.token()).resolveModel(request(alice.workspace(), bobsProvider, "")));
    }

    private String createProvider(Account owner, String name) {
        return post(owner, "/api/v1/providers", Map.of("name", name, "type", "openai_compatible", "base_url", llm.baseUrl(),
                "api_key", "sk-main-secret-key-000111", "models", List.of("m-main"))).statusCode(200).extract().path("data.id");
    }

    private static ResolveModelRequest request(String workspaceId, String providerId, String model) {
        return ResolveModelRequest.newBuilder().setWorkspaceId(workspaceId).setProviderId(providerId).setModel(model).build();
    }

    private static void assertCode(int code, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), () -> "status " + e.getStatus());
        assertEquals(Integer.toString(code), e.getTrailers().get(Metadata.Key.of("atrium-code", Metadata.ASCII_STRING_MARSHALLER)),
                () -> "status " + e.getStatus());
    }
}

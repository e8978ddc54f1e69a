package dev.atrium.testkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.testkit.server.OpenAiStub.Reply;
import dev.atrium.testkit.server.OpenAiStub.ToolCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiStubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenAiStub stub;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        stub = OpenAiStub.start(0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        stub.close();
        http.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    @Test
    void answersJsonRequestWithScriptedCompletion() throws Exception {
        stub.enqueue(Reply.text("Hello from the stub").withReasoning("thinking").withUsage(11, 4));

        HttpResponse<String> response = post(request("gpt-test", "hi", false), null);

        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("chat.completion", body.path("object").asText());
        assertEquals("gpt-test", body.path("model").asText());
        assertFalse(body.path("id").asText().isEmpty());
        JsonNode choice = body.path("choices").path(0);
        assertEquals("assistant", choice.path("message").path("role").asText());
        assertEquals("Hello from the stub", choice.path("message").path("content").asText());
        assertEquals("thinking", choice.path("message").path("reasoning_content").asText());
        assertEquals("stop", choice.path("finish_reason").asText());
        assertEquals(11, body.path("usage").path("prompt_tokens").asInt());
        assertEquals(4, body.path("usage").path("completion_tokens").asInt());
        assertEquals(15, body.path("usage").path("total_tokens").asInt());
        assertEquals("hi", stub.lastRequest().path("messages").path(0).path("content").asText());
    }

    @Test
    void streamsContentInSeveralDeltasThenUsageThenDone() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog";
        stub.enqueue(Reply.text(text).withReasoning("let me think").withChunkDelayMs(1));
        ObjectNode request = request("gpt-test", "tell me", true);
        request.putObject("stream_options").put("include_usage", true);

        HttpResponse<String> response = post(request, null);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> data = dataLines(response.body());
        assertEquals("[DONE]", data.getLast());
        List<JsonNode> chunks = parse(data.subList(0, data.size() - 1));
        assertEquals("assistant", chunks.getFirst().path("choices").path(0).path("delta").path("role").asText());
        chunks.forEach(c -> assertEquals("chat.completion.chunk", c.path("object").asText()));
        List<String> contentDeltas = chunks.stream()
                .map(c -> c.path("choices").path(0).path("delta").path("content"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).filter(s -> !s.isEmpty()).toList();
        assertTrue(contentDeltas.size() > 1, "content should arrive in several deltas: " + contentDeltas);
        assertEquals(text, String.join("", contentDeltas));
        String reasoning = chunks.stream()
                .map(c -> c.path("choices").path(0).path("delta").path("reasoning_content"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).collect(Collectors.joining());
        assertEquals("let me think", reasoning);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertEquals("stop", finish.path("choices").path(0).path("finish_reason").asText());
        JsonNode usage = chunks.getLast();
        assertEquals(0, usage.path("choices").size());
        assertTrue(usage.path("choices").isArray());
        assertTrue(usage.path("usage").path("completion_tokens").asInt() > 0);
        assertTrue(usage.path("usage").path("prompt_tokens").asInt() > 0);
    }

    @Test
    void omitsUsageChunkUnlessAskedFor() throws Exception {
        stub.enqueue(Reply.text("two words"));

        List<String> data = dataLines(post(request("m", "x", true), null).body());

        List<JsonNode> chunks = parse(data.subList(0, data.size() - 1));
        assertEquals("stop", chunks.getLast().path("choices").path(0).path("finish_reason").asText());
        chunks.forEach(c -> assertEquals(1, c.path("choices").size()));
    }

    @Test
    void streamsToolCallsAsIndexIdNameThenArgumentFragments() throws Exception {
        String args = "{\"city\":\"Hangzhou\",\"unit\":\"celsius\"}";
        stub.enqueue(Reply.toolCalls(new ToolCall("call_1", "get_weather", args), ToolCall.of("get_time", "{}")));

        List<String> data = dataLines(post(request("m", "weather?", true), null).body());

        List<JsonNode> chunks = parse(data.subList(0, data.size() - 1));
        StringBuilder assembled = new StringBuilder();
        List<String> names = new ArrayList<>();
        int fragments = 0;
        for (JsonNode chunk : chunks) {
            for (JsonNode call : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
                if (call.has("id")) {
                    names.add(call.path("function").path("name").asText());
                }
                if (call.path("index").asInt() == 0) {
                    if (call.has("id")) {
                        assertEquals("call_1", call.path("id").asText());
                        assertEquals("function", call.path("type").asText());
                    }
                    String fragment = call.path("function").path("arguments").asText();
                    if (!fragment.isEmpty()) {
                        fragments++;
                    }
                    assembled.append(fragment);
                }
            }
        }
        assertEquals(List.of("get_weather", "get_time"), names);
        assertEquals(args, assembled.toString());
        assertTrue(fragments > 1, "arguments should arrive in fragments");
        assertEquals("tool_calls", chunks.getLast().path("choices").path(0).path("finish_reason").asText());
    }

    @Test
    void returnsToolCallsInJsonMode() throws Exception {
        stub.enqueue(Reply.toolCalls(new ToolCall("call_9", "search", "{\"q\":\"atrium\"}")));

        JsonNode body = JSON.readTree(post(request("m", "find", false), null).body());

        JsonNode choice = body.path("choices").path(0);
        assertEquals("tool_calls", choice.path("finish_reason").asText());
        assertTrue(choice.path("message").path("content").isNull());
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertEquals("call_9", call.path("id").asText());
        assertEquals("search", call.path("function").path("name").asText());
        assertEquals("{\"q\":\"atrium\"}", call.path("function").path("arguments").asText());
    }

    @Test
    void echoesLastUserMessageWhenNothingIsScripted() throws Exception {
        ObjectNode request = request("m", "first", false);
        request.withArray("messages").addObject().put("role", "assistant").put("content", "ignored");
        request.withArray("messages").addObject().put("role", "user").putArray("content")
                .addObject().put("type", "text").put("text", "second question");

        JsonNode body = JSON.readTree(post(request, null).body());

        assertEquals("echo: second question", body.path("choices").path(0).path("message").path("content").asText());
    }

    @Test
    void prefersQueueThenResponderThenDefault() throws Exception {
        stub.defaultReply(Reply.text("fallback"));
        stub.respondWith(req -> req.path("model").asText().equals("special") ? Reply.text("from responder") : null);
        stub.enqueue(Reply.text("queued"));

        assertEquals("queued", content(post(request("special", "a", false), null)));
        assertEquals("from responder", content(post(request("special", "b", false), null)));
        assertEquals("fallback", content(post(request("other", "c", false), null)));
        assertEquals(3, stub.requestCount());
        assertEquals(List.of("a", "b", "c"), stub.requests().stream()
                .map(r -> r.path("messages").path(0).path("content").asText()).toList());
    }

    @Test
    void sendsOpenAiStyleErrorForScriptedFailure() throws Exception {
        stub.enqueue(Reply.failure(429, "Rate limit reached"));

        HttpResponse<String> response = post(request("m", "x", true), null);

        assertEquals(429, response.statusCode());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals("Rate limit reached", error.path("message").asText());
        assertEquals("rate_limit_exceeded", error.path("code").asText());
        assertFalse(error.path("type").asText().isEmpty());
    }

    @Test
    void rejectsWrongApiKeyWhenOneIsRequired() throws Exception {
        stub.requireApiKey("sk-right");

        HttpResponse<String> wrong = post(request("m", "x", false), "sk-wrong");
        HttpResponse<String> missing = post(request("m", "x", false), null);
        HttpResponse<String> right = post(request("m", "x", false), "sk-right");

        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_api_key", JSON.readTree(wrong.body()).path("error").path("code").asText());
        assertEquals(401, missing.statusCode());
        assertEquals(200, right.statusCode());
    }

    @Test
    void stallOutlastsAClientTimeout() {
        stub.enqueue(Reply.stall(10_000));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString(request("m", "x", false).toString()))
                .build();

        assertThrows(HttpTimeoutException.class, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void listsModelsAndAcceptsPathWithoutV1() throws Exception {
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, models.statusCode());
        assertEquals("list", JSON.readTree(models.body()).path("object").asText());

        String root = stub.baseUrl().substring(0, stub.baseUrl().length() - "/v1".length());
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(root + "/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(request("m", "plain", false).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("echo: plain", content(plain));
    }

    @Test
    void servesManyConcurrentStreams() throws Exception {
        stub.respondWith(req -> Reply.text("reply to " + req.path("messages").path(0).path("content").asText()
                + " with several words").withChunkDelayMs(5));
        int clients = 40;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String prompt = "q" + i;
                results.add(pool.submit(() -> {
                    List<String> data = dataLines(post(request("m", prompt, true), null).body());
                    assertEquals("[DONE]", data.getLast());
                    return parse(data.subList(0, data.size() - 1)).stream()
                            .map(c -> c.path("choices").path(0).path("delta").path("content"))
                            .filter(JsonNode::isTextual).map(JsonNode::asText).collect(Collectors.joining());
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertEquals("reply to q" + i + " with several words", results.get(i).get());
            }
        }
        assertTrue(stub.awaitRequestCount(clients, Duration.ofSeconds(1)));
        assertEquals(clients, stub.requestCount());
    }

    @Test
    void resetForgetsScriptAndRecords() throws Exception {
        stub.enqueue(Reply.text("stale"));
        stub.requireApiKey("k");
        post(request("m", "x", false), "k");
        stub.enqueue(Reply.text("stale"));

        stub.reset();

        assertEquals(0, stub.requestCount());
        assertThrows(IllegalStateException.class, stub::lastRequest);
        assertEquals("echo: fresh", content(post(request("m", "fresh", false), null)));
    }

    private static ObjectNode request(String model, String userText, boolean stream) {
        ObjectNode request = JSON.createObjectNode().put("model", model);
        request.putArray("messages").addObject().put("role", "user").put("content", userText);
        if (stream) {
            request.put("stream", true);
        }
        return request;
    }

    private static HttpResponse<String> post(ObjectNode body, String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                // Pretty-printed like langchain4j sends it.
                .POST(HttpRequest.BodyPublishers.ofString(body.toPrettyString()));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String content(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("choices").path(0).path("message").path("content").asText();
    }

    /** The payloads of SSE {@code data:} events; each event must be followed by a blank line. */
    private static List<String> dataLines(String body) {
        List<String> data = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("data: ")) {
                assertEquals("", lines[i + 1], "an SSE event must end with a blank line");
                data.add(lines[i].substring("data: ".length()));
            }
        }
        assertFalse(data.isEmpty(), "no SSE data in: " + body);
        return data;
    }

    private static List<JsonNode> parse(List<String> data) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String d : data) {
            nodes.add(JSON.readTree(d));
        }
        return nodes;
    }
}

package dev.atrium.testkit.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An HTTP server speaking the OpenAI chat-completions protocol with scripted answers, so LLM-driven code is
 * tested end to end over real HTTP, JSON and server-sent events.
 *
 * <p>Which reply a request gets: the next {@link #enqueue(Reply) queued} reply; else the
 * {@link #respondWith(Function) responder}'s; else the {@link #defaultReply(Reply) default reply}; else
 * {@code "echo: <last user message>"}.
 */
public final class OpenAiStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_MODEL = "stub-model";
    private static final int ARGUMENT_FRAGMENT_LENGTH = 8;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Queue<Reply> queue = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private final AtomicLong completionIds = new AtomicLong();
    private volatile Function<JsonNode, Reply> responder;
    private volatile Reply defaultReply;
    private volatile String requiredApiKey;

    private OpenAiStub(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** @param port TCP port on the loopback interface, {@code 0} for a free one */
    public static OpenAiStub start(int port) {
        // Small SSE chunks must leave immediately instead of waiting for Nagle's algorithm; the JDK server
        // reads this once, when its first instance is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("openai-stub-", 0).factory());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
            OpenAiStub stub = new OpenAiStub(server, executor);
            server.createContext("/", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("OpenAI stub did not start on port " + port, e);
        }
    }

    /** The base URL OpenAI clients expect, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public OpenAiStub enqueue(Reply reply) {
        queue.add(Objects.requireNonNull(reply, "reply"));
        return this;
    }

    /** Computes a reply from the request body when the queue is empty; return {@code null} to fall through. */
    public OpenAiStub respondWith(Function<JsonNode, Reply> responder) {
        this.responder = responder;
        return this;
    }

    /** The reply used when neither queue nor responder supplies one; {@code null} restores the echo. */
    public OpenAiStub defaultReply(Reply reply) {
        this.defaultReply = reply;
        return this;
    }

    /** Requests must carry {@code Authorization: Bearer <key>}; {@code null} accepts any. */
    public OpenAiStub requireApiKey(String key) {
        this.requiredApiKey = key;
        return this;
    }

    /** Bodies of all chat-completion requests received, oldest first. */
    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public JsonNode lastRequest() {
        synchronized (requests) {
            if (requests.isEmpty()) {
                throw new IllegalStateException("the stub has not received any chat-completion request");
            }
            return requests.getLast();
        }
    }

    public int requestCount() {
        synchronized (requests) {
            return requests.size();
        }
    }

    /** Waits until at least {@code count} requests arrived; {@code false} if the timeout passed first. */
    public boolean awaitRequestCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(requests, left);
            }
            return true;
        }
    }

    /** Back to the state right after {@link #start(int)}: no queue, responder, default, API key or records. */
    public void reset() {
        queue.clear();
        responder = null;
        defaultReply = null;
        requiredApiKey = null;
        synchronized (requests) {
            requests.clear();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.endsWith("/chat/completions") && method.equals("POST")) {
                chatCompletion(exchange, body);
            } else if (path.endsWith("/models") && method.equals("GET")) {
                if (authorized(exchange)) {
                    models(exchange);
                }
            } else {
                sendError(exchange, 404, "Unknown request URL: " + method + " " + path, "invalid_request_error",
                        "unknown_url");
            }
        } catch (IOException e) {
            // The client hung up or the stub is closing; there is nobody left to answer.
        } catch (RuntimeException e) {
            // Most likely a test's responder threw; tell the client instead of dropping the connection.
            try {
                sendError(exchange, 500, "OpenAI stub failed: " + e, "server_error", null);
            } catch (IOException | RuntimeException ignored) {
                // Headers were already sent; the truncated response is all the client can get.
            }
        } finally {
            exchange.close();
        }
    }

    private void chatCompletion(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            sendError(exchange, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
            return;
        }
        if (request == null || !request.isObject()) {
            sendError(exchange, 400, "The request body must be a JSON object.", "invalid_request_error", null);
            return;
        }
        synchronized (requests) {
            requests.add(request);
            requests.notifyAll();
        }
        if (!authorized(exchange)) {
            return;
        }
        Reply reply = chooseReply(request);
        if (!pause(reply.latencyMs)) {
            return;
        }
        if (reply.stallMs > 0) {
            if (pause(reply.stallMs)) {
                sendError(exchange, 504, "The stub stalled for " + reply.stallMs + " ms.", "timeout", null);
            }
            return;
        }
        if (reply.failureStatus > 0) {
            sendError(exchange, reply.failureStatus, reply.failureMessage, errorType(reply.failureStatus),
                    errorCode(reply.failureStatus));
            return;
        }
        String model = request.path("model").asText(DEFAULT_MODEL);
        String id = "chatcmpl-stub-" + completionIds.incrementAndGet();
        long created = Instant.now().getEpochSecond();
        ObjectNode usage = usage(reply, request);
        if (request.path("stream").asBoolean(false)) {
            boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
            stream(exchange, reply, id, created, model, usage, includeUsage);
        } else {
            complete(exchange, reply, id, created, model, usage);
        }
    }

    private Reply chooseReply(JsonNode request) {
        Reply reply = queue.poll();
        if (reply != null) {
            return reply;
        }
        Function<JsonNode, Reply> current = responder;
        if (current != null) {
            reply = current.apply(request);
            if (reply != null) {
                return reply;
            }
        }
        Reply fallback = defaultReply;
        return fallback != null ? fallback : Reply.text("echo: " + lastUserText(request));
    }

    private void complete(HttpExchange exchange, Reply reply, String id, long created, String model, ObjectNode usage)
            throws IOException {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        if (reply.toolCalls.isEmpty()) {
            message.put("content", reply.content);
        } else {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : reply.toolCalls) {
                ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        if (reply.reasoning != null) {
            message.put("reasoning_content", reply.reasoning);
        }
        ObjectNode response = envelope(id, "chat.completion", created, model);
        ObjectNode choice = response.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.finishReason());
        response.set("usage", usage);
        send(exchange, 200, response);
    }

    private void stream(HttpExchange exchange, Reply reply, String id, long created, String model, ObjectNode usage,
                        boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        List<ObjectNode> deltas = new ArrayList<>();
        deltas.add(JSON.createObjectNode().put("role", "assistant").put("content", ""));
        for (String piece : pieces(reply.reasoning)) {
            deltas.add(JSON.createObjectNode().put("reasoning_content", piece));
        }
        for (String piece : pieces(reply.content)) {
            deltas.add(JSON.createObjectNode().put("content", piece));
        }
        for (int i = 0; i < reply.toolCalls.size(); i++) {
            ToolCall call = reply.toolCalls.get(i);
            ObjectNode start = JSON.createObjectNode();
            ObjectNode head = start.putArray("tool_calls").addObject()
                    .put("index", i).put("id", call.id()).put("type", "function");
            head.putObject("function").put("name", call.name()).put("arguments", "");
            deltas.add(start);
            String args = call.argumentsJson();
            for (int from = 0; from < args.length(); from += ARGUMENT_FRAGMENT_LENGTH) {
                ObjectNode fragment = JSON.createObjectNode();
                fragment.putArray("tool_calls").addObject().put("index", i).putObject("function")
                        .put("arguments", args.substring(from, Math.min(args.length(), from + ARGUMENT_FRAGMENT_LENGTH)));
                deltas.add(fragment);
            }
        }
        boolean first = true;
        for (ObjectNode delta : deltas) {
            if (!first && !pause(reply.chunkDelayMs)) {
                return;
            }
            first = false;
            writeEvent(out, chunk(id, created, model, delta, null, includeUsage));
        }
        if (!pause(reply.chunkDelayMs)) {
            return;
        }
        writeEvent(out, chunk(id, created, model, JSON.createObjectNode(), reply.finishReason(), includeUsage));
        if (includeUsage) {
            ObjectNode usageChunk = envelope(id, "chat.completion.chunk", created, model);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage);
            writeEvent(out, usageChunk);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finishReason,
                             boolean includeUsage) {
        ObjectNode chunk = envelope(id, "chat.completion.chunk", created, model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode envelope(String id, String object, long created, String model) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("object", object)
                .put("created", created)
                .put("model", model)
                .put("system_fingerprint", "fp_atrium_stub");
    }

    private static void writeEvent(OutputStream out, ObjectNode data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Splits text at word boundaries (whitespace kept) so clients receive several deltas. */
    static List<String> pieces(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> pieces = new ArrayList<>(Arrays.asList(text.split("(?<=\\s)(?=\\S)")));
        if (pieces.size() == 1 && text.codePointCount(0, text.length()) > 1) {
            int middle = text.offsetByCodePoints(0, text.codePointCount(0, text.length()) / 2);
            return List.of(text.substring(0, middle), text.substring(middle));
        }
        return pieces;
    }

    private void models(HttpExchange exchange) throws IOException {
        ObjectNode response = JSON.createObjectNode().put("object", "list");
        response.putArray("data").addObject()
                .put("id", DEFAULT_MODEL)
                .put("object", "model")
                .put("created", Instant.now().getEpochSecond())
                .put("owned_by", "atrium-testkit");
        send(exchange, 200, response);
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String key = requiredApiKey;
        if (key == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (("Bearer " + key).equals(header)) {
            return true;
        }
        sendError(exchange, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
        return false;
    }

    private static void sendError(HttpExchange exchange, int status, String message, String type, String code)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String errorType(int status) {
        return switch (status) {
            case 401, 400, 404, 409, 422 -> "invalid_request_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static String errorCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 404 -> "model_not_found";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
    }

    /** Waits unless the stub is closing; {@code false} means stop answering. */
    private boolean pause(long millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            return !closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ObjectNode usage(Reply reply, JsonNode request) {
        int prompt = reply.promptTokens >= 0 ? reply.promptTokens : roughTokens(allMessageText(request));
        int completion;
        if (reply.completionTokens >= 0) {
            completion = reply.completionTokens;
        } else {
            StringBuilder produced = new StringBuilder();
            if (reply.content != null) {
                produced.append(reply.content);
            }
            if (reply.reasoning != null) {
                produced.append(reply.reasoning);
            }
            reply.toolCalls.forEach(c -> produced.append(c.name()).append(c.argumentsJson()));
            completion = roughTokens(produced.toString());
        }
        return JSON.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    /** About four characters per token, the usual rule of thumb for English. */
    private static int roughTokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    private static String allMessageText(JsonNode request) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            text.append(contentText(message.path("content")));
        }
        return text.toString();
    }

    private static String lastUserText(JsonNode request) {
        String last = "";
        for (JsonNode message : request.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                last = contentText(message.path("content"));
            }
        }
        return last;
    }

    /** Content is either a string or, for multi-part messages, an array of typed parts. */
    private static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** One scripted answer. Immutable: every {@code with*} returns a copy. */
    public static final class Reply {
        private final String content;
        private final String reasoning;
        private final List<ToolCall> toolCalls;
        private final int promptTokens;
        private final int completionTokens;
        private final long latencyMs;
        private final long chunkDelayMs;
        private final int failureStatus;
        private final String failureMessage;
        private final long stallMs;

        private Reply(String content, String reasoning, List<ToolCall> toolCalls, int promptTokens,
                      int completionTokens, long latencyMs, long chunkDelayMs, int failureStatus,
                      String failureMessage, long stallMs) {
            this.content = content;
            this.reasoning = reasoning;
            this.toolCalls = toolCalls;
            this.promptTokens = promptTokens;
            this.completionTokens = completionTokens;
            this.latencyMs = latencyMs;
            this.chunkDelayMs = chunkDelayMs;
            this.failureStatus = failureStatus;
            this.failureMessage = failureMessage;
            this.stallMs = stallMs;
        }

        /** An assistant message; streamed roughly one word per chunk. */
        public static Reply text(String content) {
            return new Reply(Objects.requireNonNull(content, "content"), null, List.of(), -1, -1, 0, 0, 0, null, 0);
        }

        /** An assistant turn that calls tools ({@code finish_reason: tool_calls}). */
        public static Reply toolCalls(ToolCall... calls) {
            if (calls.length == 0) {
                throw new IllegalArgumentException("at least one tool call");
            }
            return new Reply(null, null, List.of(calls), -1, -1, 0, 0, 0, null, 0);
        }

        /** An OpenAI-style error body with the given HTTP status. */
        public static Reply failure(int httpStatus, String message) {
            if (httpStatus < 400 || httpStatus > 599) {
                throw new IllegalArgumentException("failure status must be 4xx or 5xx: " + httpStatus);
            }
            return new Reply(null, null, List.of(), -1, -1, 0, 0, httpStatus, Objects.requireNonNull(message), 0);
        }

        /** Sends nothing for {@code ms}, then a 504; for client timeout tests. */
        public static Reply stall(long ms) {
            if (ms <= 0) {
                throw new IllegalArgumentException("stall must be positive: " + ms);
            }
            return new Reply(null, null, List.of(), -1, -1, 0, 0, 0, null, ms);
        }

        /** Sent as {@code reasoning_content}, before the content when streaming. */
        public Reply withReasoning(String reasoning) {
            return new Reply(content, reasoning, toolCalls, promptTokens, completionTokens, latencyMs, chunkDelayMs,
                    failureStatus, failureMessage, stallMs);
        }

        public Reply withUsage(int prompt, int completion) {
            if (prompt < 0 || completion < 0) {
                throw new IllegalArgumentException("token counts must not be negative");
            }
            return new Reply(content, reasoning, toolCalls, prompt, completion, latencyMs, chunkDelayMs,
                    failureStatus, failureMessage, stallMs);
        }

        /** Delay before the first byte of the response. */
        public Reply withLatencyMs(long ms) {
            return new Reply(content, reasoning, toolCalls, promptTokens, completionTokens, ms, chunkDelayMs,
                    failureStatus, failureMessage, stallMs);
        }

        /** Delay between stream chunks. */
        public Reply withChunkDelayMs(long ms) {
            return new Reply(content, reasoning, toolCalls, promptTokens, completionTokens, latencyMs, ms,
                    failureStatus, failureMessage, stallMs);
        }

        private String finishReason() {
            return toolCalls.isEmpty() ? "stop" : "tool_calls";
        }

        @Override
        public String toString() {
            if (failureStatus > 0) {
                return "Reply.failure(" + failureStatus + ", " + failureMessage + ")";
            }
            if (stallMs > 0) {
                return "Reply.stall(" + stallMs + ")";
            }
            return toolCalls.isEmpty() ? "Reply.text(" + content + ")" : "Reply.toolCalls(" + toolCalls + ")";
        }
    }

    /** A function call requested by the assistant; {@code argumentsJson} is sent verbatim, as OpenAI does. */
    public record ToolCall(String id, String name, String argumentsJson) {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }

        /** A tool call with a generated {@code call_...} id. */
        public static ToolCall of(String name, String argumentsJson) {
            return new ToolCall("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24), name,
                    argumentsJson);
        }
    }
}

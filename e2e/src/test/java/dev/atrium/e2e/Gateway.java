package dev.atrium.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The only way the e2e tests talk to Atrium: plain HTTP to the gateway, JSON through Jackson. */
public final class Gateway {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;

    Gateway(URI base) {
        this.base = base;
    }

    /** One answer: status, headers, raw body and the body parsed as JSON (missing when it is not JSON). */
    public record Reply(int status, HttpHeaders headers, String body, JsonNode json) {

        public JsonNode data() {
            return json.path("data");
        }

        /** The envelope's {@code code}, or empty when the body is not an envelope. */
        public Optional<Long> code() {
            JsonNode code = json.path("code");
            return code.isIntegralNumber() ? Optional.of(code.asLong()) : Optional.empty();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    public Reply get(String path, String bearer) {
        return send(request(path, bearer).GET());
    }

    public Reply delete(String path, String bearer) {
        return send(request(path, bearer).DELETE());
    }

    public Reply post(String path, Object body, String bearer) {
        try {
            return raw("POST", path, "application/json", JSON.writeValueAsString(body), bearer);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Reply put(String path, Object body, String bearer) {
        try {
            return raw("PUT", path, "application/json", JSON.writeValueAsString(body), bearer);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Exactly these bytes with this content type (null = no Content-Type header). */
    public Reply raw(String method, String path, String contentType, String body, String bearer) {
        HttpRequest.Builder builder = request(path, bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /**
     * A streamed answer: status, headers and every body line with the moment it arrived (nanoTime), read
     * line by line as the bytes come in, so a test can tell a stream from a buffered body.
     */
    public record Streamed(int status, HttpHeaders headers, java.util.List<String> lines, java.util.List<Long> arrivals) {

        public String body() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            String body = body();
            return "HTTP " + status + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    /** POSTs JSON asking for {@code text/event-stream} and reads the answer as it arrives. */
    public Streamed stream(String path, Object body, String bearer) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<java.util.stream.Stream<String>> response =
                    CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofLines());
            java.util.List<String> lines = new java.util.ArrayList<>();
            java.util.List<Long> arrivals = new java.util.ArrayList<>();
            try (java.util.stream.Stream<String> body2 = response.body()) {
                body2.forEachOrdered(line -> {
                    lines.add(line);
                    arrivals.add(System.nanoTime());
                });
            }
            return new Streamed(response.statusCode(), response.headers(), lines, arrivals);
        } catch (IOException e) {
            throw new IllegalStateException("gateway unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Repeats {@code call} until {@code done} holds or {@code timeout} passes; returns the last reply. */
    public static Reply poll(Duration timeout, Supplier<Reply> call, Predicate<Reply> done) {
        java.util.concurrent.atomic.AtomicReference<Reply> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).pollDelay(Duration.ZERO)
                    .until(() -> {
                        last.set(call.get());
                        return done.test(last.get());
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the caller asserts on the last reply, which says more than a timeout would
            return last.get();
        }
        return last.get();
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("gateway unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}

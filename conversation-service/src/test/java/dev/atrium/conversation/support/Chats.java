package dev.atrium.conversation.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.support.Accounts.Account;
import dev.atrium.conversation.support.SseFrames.Frame;
import io.restassured.http.ContentType;

/** Chat calls of the native API as tests make them. */
public final class Chats {

    private Chats() {
    }

    /** Streams {@code POST /api/v1/chat} and parses the frames strictly. */
    public static List<Frame> stream(Account user, Map<String, Object> body) {
        String raw = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(with(body, "stream", true)).post("/api/v1/chat").then().statusCode(200)
                .contentType("text/event-stream").extract().asString();
        return SseFrames.parse(raw);
    }

    /** A question to a bot, streamed; the frames. */
    public static List<Frame> ask(Account user, String bot, String conversation, String question) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("bot_id", bot,
                "additional_messages", List.of(Map.of("role", "user", "content", question, "content_type", "text"))));
        if (conversation != null) {
            body.put("conversation_id", conversation);
        }
        return stream(user, body);
    }

    /** Blocking {@code POST /api/v1/chat}: the response's data. */
    public static JsonNode blocking(Account user, Map<String, Object> body) {
        return given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/chat").then().statusCode(200).extract().as(JsonNode.class).path("data");
    }

    public static Frame last(List<Frame> frames, String event) {
        Frame found = null;
        for (Frame f : frames) {
            if (f.event().equals(event)) {
                found = f;
            }
        }
        if (found == null) {
            throw new AssertionError("no " + event + " in " + SseFrames.names(frames));
        }
        return found;
    }

    public static List<Frame> completed(List<Frame> frames, String type) {
        return frames.stream().filter(f -> f.event().equals("conversation.message.completed")
                && f.data().path("type").asText().equals(type)).toList();
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put(key, value);
        return copy;
    }
}

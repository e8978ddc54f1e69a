package dev.atrium.conversation.ws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.support.Accounts;
import dev.atrium.conversation.support.Accounts.Account;
import dev.atrium.conversation.support.FakePlatform;
import dev.atrium.conversation.support.WsClient;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import dev.atrium.testkit.server.OpenAiStub.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RoomWebSocketTest {

    @InjectJwtKit
    JwtKit jwt;
    @InjectLlmStub
    OpenAiStub llm;
    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void reset() {
        llm.reset();
        FakePlatform.llm(llm.baseUrl());
    }

    private static String event(JsonNode m) {
        return m.path("event").asText();
    }

    @Test
    void everyParticipantGetsTheMessagesOfTheRoom() {
        Account owner = Accounts.create(jwt, "wsroom");
        Account member = Accounts.create(jwt, "wsmember");
        FakePlatform.grant(member.userId(), owner.workspaceId(), "member", "team");
        String a = Accounts.bot(owner, "You are A.");
        String b = Accounts.bot(owner, "You are B.");
        String room = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "live", "agent_ids", List.of(a, b))).post("/api/v1/chat-rooms")
                .then().statusCode(200).extract().path("data.id");
        llm.enqueue(Reply.text("earlier answer"));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("content", "@bot" + a + " earlier"))
                .post("/api/v1/chat-rooms/" + room + "/messages").then().statusCode(200);

        try (WsClient ann = WsClient.connect(base.toString(), "/ws/chat-room/" + room
                + "?participant_type=user&participant_name=Ann&token=" + owner.token())) {
            JsonNode connected = ann.next(5);
            assertThat(event(connected)).isEqualTo("connected");
            assertThat(connected.path("data").path("room_id").asText()).isEqualTo(room);
            assertThat(connected.path("data").path("type").asText()).isEqualTo("user");
            JsonNode history = ann.next(5);
            assertThat(event(history)).isEqualTo("history");
            assertThat(history.path("data").path("messages").findValuesAsText("content")).containsExactly("@bot" + a + " earlier", "earlier answer");
            JsonNode agents = ann.next(5);
            assertThat(event(agents)).isEqualTo("agents");
            assertThat(agents.path("data").path("agents").findValuesAsText("agent_id")).containsExactly(a, b);
            assertThat(ann.next(5).path("data").path("content").asText()).isEqualTo("Ann joined");

            try (WsClient max = WsClient.connect(base.toString(), "/ws/chat-room/" + room
                    + "?participant_type=user&participant_name=Max&token=" + member.token())) {
                max.until(m -> event(m).equals("system"), 5);
                JsonNode joined = ann.next(5);
                assertThat(event(joined)).isEqualTo("system");
                assertThat(joined.path("data").path("content").asText()).isEqualTo("Max joined");
                assertThat(joined.path("data").path("type").asText()).isEqualTo("user_join");

                llm.enqueue(Reply.text("B answers Max"));
                max.send(Map.of("action", "send_message", "content", "@bot" + b + " hello all"));
                for (WsClient client : List.of(ann, max)) {
                    List<JsonNode> got = client.until(m -> event(m).equals("done"), 15);
                    List<String> events = got.stream().map(RoomWebSocketTest::event).toList();
                    assertThat(events.get(0)).isEqualTo("message");
                    assertThat(got.get(0).path("data").path("participant_name").asText()).isEqualTo("Max");
                    assertThat(got.get(0).path("data").path("participant_id").asText()).isEqualTo(Long.toString(member.userId()));
                    assertThat(events).contains("typing", "delta");
                    JsonNode reply = got.stream().filter(m -> event(m).equals("message")
                            && m.path("data").path("participant_type").asText().equals("agent")).findFirst().orElseThrow();
                    assertThat(reply.path("data").path("participant_id").asText()).isEqualTo(b);
                    assertThat(reply.path("data").path("content").asText()).isEqualTo("B answers Max");
                    assertThat(got.getLast().path("data").path("message_id").asText()).isEqualTo(reply.path("data").path("id").asText());
                }
            }
            JsonNode left = ann.until(m -> event(m).equals("system"), 5).getLast();
            assertThat(left.path("data").path("content").asText()).isEqualTo("Max left");
        }
        given().header("Authorization", member.bearer()).get("/api/v1/chat-rooms/" + room + "/messages").then().statusCode(200)
                .body("data.size()", org.hamcrest.Matchers.equalTo(4));
    }

    @Test
    void refusesStrangersBadTokensAndUnknownAgents() {
        Account owner = Accounts.create(jwt, "wsroomowner");
        String a = Accounts.bot(owner, "You are A.");
        String room = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "private", "agent_ids", List.of(a))).post("/api/v1/chat-rooms")
                .then().statusCode(200).extract().path("data.id");
        Account stranger = Accounts.create(jwt, "wsstranger");
        try (WsClient ws = WsClient.connect(base.toString(), "/ws/chat-room/" + room + "?token=" + stranger.token())) {
            JsonNode error = ws.next(5);
            assertThat(event(error)).isEqualTo("error");
            assertThat(error.path("data").path("code").asInt()).isEqualTo(103_404_007);
            assertThat(ws.closeCode(5)).isEqualTo(1008);
        }
        try (WsClient ws = WsClient.connect(base.toString(), "/ws/chat-room/" + room + "?token=bad")) {
            assertThat(ws.next(5).path("data").path("code").asInt()).isEqualTo(103_401_001);
            assertThat(ws.closeCode(5)).isEqualTo(1008);
        }
        try (WsClient ws = WsClient.connect(base.toString(), "/ws/chat-room/" + room
                + "?participant_type=agent&participant_id=12345&token=" + owner.token())) {
            assertThat(event(ws.next(5))).isEqualTo("error");
            assertThat(ws.closeCode(5)).isEqualTo(1008);
        }
        // an agent of the room may join as itself
        try (WsClient ws = WsClient.connect(base.toString(), "/ws/chat-room/" + room
                + "?participant_type=agent&participant_id=" + a + "&token=" + owner.token())) {
            JsonNode connected = ws.next(5);
            assertThat(event(connected)).isEqualTo("connected");
            assertThat(connected.path("data").path("participant_name").asText()).isEqualTo("bot" + a);
        }
    }
}

package dev.atrium.conversation.room;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.support.Accounts;
import dev.atrium.conversation.support.Accounts.Account;
import dev.atrium.conversation.support.FakePlatform;
import dev.atrium.conversation.support.SseFrames;
import dev.atrium.conversation.support.SseFrames.Frame;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import dev.atrium.testkit.server.OpenAiStub.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class RoomFlowTest {

    @InjectJwtKit
    JwtKit jwt;
    @InjectLlmStub
    OpenAiStub llm;

    @BeforeEach
    void reset() {
        llm.reset();
        FakePlatform.llm(llm.baseUrl());
    }

    static String name(String bot) {
        return "bot" + bot;
    }

    private String room(Account user, Map<String, Object> body) {
        return given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/chat-rooms").then().statusCode(200).body("code", equalTo(0)).extract().path("data.id");
    }

    private List<Frame> send(Account user, String room, String content) {
        Response r = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("content", content)).post("/api/v1/chat-rooms/" + room + "/messages");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).contains("text/event-stream");
        return SseFrames.parse(r.asString());
    }

    private static List<Frame> agentMessages(List<Frame> frames) {
        return frames.stream().filter(f -> f.event().equals("message") && f.data().path("participant_type").asText().equals("agent")).toList();
    }

    @Test
    void createsListsUpdatesAndDeletesARoomThatStrangersCannotSee() {
        Account owner = Accounts.create(jwt, "rooms");
        String a = Accounts.bot(owner, "You are A.");
        String b = Accounts.bot(owner, "You are B.");
        String room = room(owner, Map.of("name", "Planning", "description", "sprint", "agent_ids", List.of(a, b)));
        given().header("Authorization", owner.bearer()).get("/api/v1/chat-rooms/" + room).then().statusCode(200)
                .body("data.name", equalTo("Planning")).body("data.policy", equalTo("all"))
                .body("data.max_agent_turns", equalTo(3)).body("data.workspace_id", equalTo(owner.workspace()))
                .body("data.agents.agent_id", equalTo(List.of(a, b))).body("data.agents[0].name", equalTo(name(a)));
        given().header("Authorization", owner.bearer()).get("/api/v1/chat-rooms").then().statusCode(200)
                .body("data.items.id", org.hamcrest.Matchers.hasItem(room));

        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "Retro", "policy", "round_robin", "max_agent_turns", 1))
                .put("/api/v1/chat-rooms/" + room).then().statusCode(200)
                .body("data.name", equalTo("Retro")).body("data.policy", equalTo("round_robin")).body("data.max_agent_turns", equalTo(1));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("policy", "chaos"))
                .put("/api/v1/chat-rooms/" + room).then().statusCode(400).body("code", equalTo(103_400_003));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("policy", "moderator"))
                .put("/api/v1/chat-rooms/" + room).then().statusCode(400);

        // agents: remove one, add it back (at the end), adding a bot of another workspace fails
        given().header("Authorization", owner.bearer()).delete("/api/v1/chat-rooms/" + room + "/agents/" + a).then().statusCode(200);
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("agent_id", a))
                .post("/api/v1/chat-rooms/" + room + "/agents").then().statusCode(200).body("data.agent_id", equalTo(a));
        given().header("Authorization", owner.bearer()).get("/api/v1/chat-rooms/" + room + "/agents").then().statusCode(200)
                .body("data.agent_id", equalTo(List.of(b, a)));
        Account stranger = Accounts.create(jwt, "stranger");
        String foreignBot = Accounts.bot(stranger, "foreign");
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("agent_id", foreignBot))
                .post("/api/v1/chat-rooms/" + room + "/agents").then().statusCode(404);
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "agent_ids", List.of(foreignBot))).post("/api/v1/chat-rooms").then().statusCode(404);

        // a stranger sees nothing of the room
        for (String path : List.of("", "/agents", "/messages")) {
            given().header("Authorization", stranger.bearer()).get("/api/v1/chat-rooms/" + room + path).then().statusCode(404)
                    .body("code", equalTo(103_404_007));
        }
        given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON).body(Map.of("content", "hi"))
                .post("/api/v1/chat-rooms/" + room + "/messages").then().statusCode(404).body("code", equalTo(103_404_007));
        given().header("Authorization", stranger.bearer()).delete("/api/v1/chat-rooms/" + room).then().statusCode(404);
        given().header("Authorization", stranger.bearer()).get("/api/v1/chat-rooms").then().statusCode(200)
                .body("data.items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(room)));
        given().get("/api/v1/chat-rooms/" + room).then().statusCode(401);

        given().header("Authorization", owner.bearer()).delete("/api/v1/chat-rooms/" + room).then().statusCode(200);
        given().header("Authorization", owner.bearer()).get("/api/v1/chat-rooms/" + room).then().statusCode(404);
    }

    @Test
    void aMentionPicksTheAgentThatAnswers() {
        Account owner = Accounts.create(jwt, "mention");
        String a = Accounts.bot(owner, "You are A.");
        String b = Accounts.bot(owner, "You are B.");
        String room = room(owner, Map.of("name", "r", "agent_ids", List.of(a, b)));
        llm.enqueue(Reply.text("B here"));
        List<Frame> frames = send(owner, room, "Hey @" + name(b).toUpperCase() + ", what do you think?");
        assertThat(llm.requestCount()).isEqualTo(1);
        assertThat(llm.lastRequest().path("messages").get(0).path("content").asText()).startsWith("You are B.");
        List<Frame> replies = agentMessages(frames);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).data().path("participant_id").asText()).isEqualTo(b);
        assertThat(replies.get(0).data().path("content").asText()).isEqualTo("B here");
    }

    @Test
    void allPolicyAnswersInOrderAndTheSecondAgentSeesTheFirstReply() {
        Account owner = Accounts.create(jwt, "all");
        String a = Accounts.bot(owner, "You are A.");
        String b = Accounts.bot(owner, "You are B.");
        String room = room(owner, Map.of("name", "r", "agent_ids", List.of(a, b), "policy", "all"));
        llm.enqueue(Reply.text("First from A").withUsage(10, 3));
        llm.enqueue(Reply.text("Second from B").withUsage(20, 4));
        List<Frame> frames = send(owner, room, "Ideas please");

        List<String> names = SseFrames.names(frames);
        assertThat(names.get(0)).isEqualTo("message");
        assertThat(frames.get(0).data().path("participant_type").asText()).isEqualTo("user");
        assertThat(frames.get(0).data().path("content").asText()).isEqualTo("Ideas please");
        assertThat(names).contains("typing", "delta");
        assertThat(names.getLast()).isEqualTo("done");
        List<Frame> replies = agentMessages(frames);
        assertThat(replies).extracting(f -> f.data().path("participant_id").asText()).containsExactly(a, b);
        assertThat(replies).extracting(f -> f.data().path("content").asText()).containsExactly("First from A", "Second from B");
        String deltasOfA = frames.stream().filter(f -> f.event().equals("delta") && f.data().path("agent_id").asText().equals(a))
                .map(f -> f.data().path("content").asText()).reduce("", String::concat);
        assertThat(deltasOfA).isEqualTo("First from A");
        assertThat(frames.stream().filter(f -> f.event().equals("typing")).map(f -> f.data().path("is_typing").asBoolean()).toList())
                .containsExactly(true, false, true, false);
        JsonNode done = frames.getLast().data();
        assertThat(done.path("message_id").asText()).isEqualTo(replies.get(1).data().path("id").asText());
        assertThat(done.path("token_count").asInt()).isEqualTo(37);

        List<String> second = llm.requests().get(1).path("messages").findValuesAsText("content");
        assertThat(second.get(0)).startsWith("You are B.");
        assertThat(second).contains(name(a) + ": First from A");
        assertThat(llm.requests().get(1).path("messages").get(1).path("role").asText()).isEqualTo("user");

        given().header("Authorization", owner.bearer()).get("/api/v1/chat-rooms/" + room + "/messages").then().statusCode(200)
                .body("data.content", equalTo(List.of("Ideas please", "First from A", "Second from B")))
                .body("data.participant_type", equalTo(List.of("user", "agent", "agent")))
                .body("data[1].usage.token_count", equalTo(13));

        // in a later turn each agent sees its own earlier reply as its (assistant) message
        llm.enqueue(Reply.text("A again"));
        llm.enqueue(Reply.text("B again"));
        send(owner, room, "More?");
        JsonNode third = llm.requests().get(2).path("messages");
        assertThat(third.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(third.get(2).path("content").asText()).isEqualTo("First from A");
    }

    @Test
    void agentsThatKeepMentioningEachOtherStopAtTheCap() {
        Account owner = Accounts.create(jwt, "loop");
        String a = Accounts.bot(owner, "You are Alpha.");
        String b = Accounts.bot(owner, "You are Beta.");
        String room = room(owner, Map.of("name", "r", "agent_ids", List.of(a, b), "max_agent_turns", 3));
        llm.respondWith(req -> req.path("messages").get(0).path("content").asText().startsWith("You are Alpha")
                ? Reply.text("@" + name(b) + " over to you") : Reply.text("@" + name(a) + " back to you"));
        List<Frame> frames = send(owner, room, "@" + name(a) + " start");
        List<Frame> replies = agentMessages(frames);
        assertThat(replies).extracting(f -> f.data().path("participant_id").asText()).containsExactly(a, b, a, b);
        assertThat(llm.requestCount()).isEqualTo(4);
        assertThat(frames.stream().anyMatch(f -> f.event().equals("process_step")
                && f.data().path("step").asText().equals("agent_turn_limit"))).isTrue();
        assertThat(frames.getLast().data().path("agent_turns").asInt()).isEqualTo(3);
    }

    @Test
    void roundRobinAlternatesBetweenAgents() {
        Account owner = Accounts.create(jwt, "rr");
        String a = Accounts.bot(owner, "You are A.");
        String b = Accounts.bot(owner, "You are B.");
        String room = room(owner, Map.of("name", "r", "agent_ids", List.of(a, b), "policy", "round_robin"));
        llm.defaultReply(Reply.text("ok"));
        List<String> speakers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Frame> replies = agentMessages(send(owner, room, "turn " + i));
            assertThat(replies).hasSize(1);
            speakers.add(replies.get(0).data().path("participant_id").asText());
        }
        assertThat(speakers).containsExactly(a, b, a);
    }

    @Test
    void theModeratorChoosesWhoAnswers() {
        Account owner = Accounts.create(jwt, "mod");
        String a = Accounts.bot(owner, "You are A.");
        String b = Accounts.bot(owner, "You are B.");
        String moderator = Accounts.bot(owner, "Be fair.");
        String room = room(owner, Map.of("name", "r", "agent_ids", List.of(a, b), "policy", "moderator",
                "moderator_bot_id", moderator));
        llm.respondWith(req -> req.path("messages").get(0).path("content").asText().startsWith("Be fair.")
                ? Reply.text("I pick " + name(b) + ".") : Reply.text("answer"));
        List<Frame> frames = send(owner, room, "Who knows?");
        assertThat(agentMessages(frames)).extracting(f -> f.data().path("participant_id").asText()).containsExactly(b);
        assertThat(llm.requests().get(0).path("messages").get(1).path("content").asText()).contains("Who knows?");
        assertThat(frames.stream().anyMatch(f -> f.event().equals("process_step")
                && f.data().path("step").asText().equals("moderator_choice") && f.data().path("agent_id").asText().equals(b))).isTrue();

        // an answer naming nobody falls back to the first agent
        llm.respondWith(req -> req.path("messages").get(0).path("content").asText().startsWith("Be fair.")
                ? Reply.text("no idea") : Reply.text("answer"));
        assertThat(agentMessages(send(owner, room, "Again?"))).extracting(f -> f.data().path("participant_id").asText())
                .containsExactly(a);
    }

    @Test
    void aFailingAgentReportsAnErrorAndTheOthersStillAnswer() {
        Account owner = Accounts.create(jwt, "fail");
        String a = Accounts.bot(owner, "You are A.");
        String b = Accounts.bot(owner, "You are B.");
        String room = room(owner, Map.of("name", "r", "agent_ids", List.of(a, b)));
        llm.enqueue(Reply.failure(500, "boom"));
        llm.enqueue(Reply.text("B is fine"));
        List<Frame> frames = send(owner, room, "status?");
        assertThat(frames.stream().anyMatch(f -> f.event().equals("error") && f.data().path("agent_id").asText().equals(a))).isTrue();
        assertThat(agentMessages(frames)).extracting(f -> f.data().path("content").asText()).containsExactly("B is fine");
        assertThat(SseFrames.names(frames).getLast()).isEqualTo("done");
    }
}

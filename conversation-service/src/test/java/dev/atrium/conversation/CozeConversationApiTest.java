package dev.atrium.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.support.Accounts;
import dev.atrium.conversation.support.Accounts.Account;
import dev.atrium.conversation.support.FakePlatform;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The Coze conversation and message facade ({@code /v1/conversation*}) as the Coze SDKs read it. */
@QuarkusTest
class CozeConversationApiTest {

    @InjectJwtKit
    JwtKit jwt;
    @InjectLlmStub
    OpenAiStub llm;

    @BeforeEach
    void reset() {
        llm.reset();
        FakePlatform.llm(llm.baseUrl());
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    private static String createConversation(String bearer, Map<String, Object> body) {
        return as(bearer).body(body).post("/v1/conversation/create")
                .then().statusCode(200).body("code", equalTo(0)).extract().path("data.id");
    }

    private static String addMessage(String bearer, String conversation, String content) {
        return as(bearer).queryParam("conversation_id", conversation)
                .body(Map.of("role", "user", "content", content, "content_type", "text"))
                .post("/v1/conversation/message/create")
                .then().statusCode(200).body("code", equalTo(0)).extract().path("data.id");
    }

    private static void assertConversationShape(ValidatableResponse r, String prefix) {
        r.body(prefix + ".id", notNullValue()).body(prefix + ".created_at", notNullValue())
                .body(prefix + ".meta_data", notNullValue()).body(prefix + ".last_section_id", notNullValue());
    }

    @Test
    void createsRetrievesAndListsConversationsInTheCozeShape() {
        Account user = Accounts.create(jwt, "cora");
        String bot = Accounts.bot(user, "Be kind.");
        ValidatableResponse created = as(user.bearer())
                .body(Map.of("bot_id", bot, "name", "first", "meta_data", Map.of("k", "v"), "connector_id", "1024",
                        "messages", List.of(Map.of("role", "user", "content", "hello", "content_type", "text",
                                "audio", "")),
                        "surprise_field", Map.of("ignored", true)))
                .post("/v1/conversation/create")
                .then().statusCode(200).body("code", equalTo(0)).body("msg", equalTo(""))
                .body("data.bot_id", equalTo(bot)).body("data.name", equalTo("first"))
                .body("data.meta_data.k", equalTo("v"));
        assertConversationShape(created, "data");
        JsonNode data = created.extract().as(JsonNode.class).path("data");
        String id = data.path("id").asText();
        assertThat(data.path("id").isTextual()).isTrue();
        assertThat(data.path("last_section_id").isTextual()).isTrue();
        assertThat(data.path("created_at").asLong()).isBetween(System.currentTimeMillis() / 1000 - 60,
                System.currentTimeMillis() / 1000 + 60);

        // the initial messages are history
        as(user.bearer()).queryParam("conversation_id", id).body(Map.of()).post("/v1/conversation/message/list")
                .then().statusCode(200).body("data.size()", equalTo(1)).body("data[0].content", equalTo("hello"));

        // a conversation without meta data still has a meta_data object
        String bare = createConversation(user.bearer(), Map.of("bot_id", bot));
        assertConversationShape(given().header("Authorization", user.bearer())
                .queryParam("conversation_id", bare).get("/v1/conversation/retrieve")
                .then().statusCode(200).body("code", equalTo(0)).body("data.id", equalTo(bare))
                .body("data.meta_data.size()", equalTo(0)), "data");

        ValidatableResponse list = given().header("Authorization", user.bearer())
                .queryParam("bot_id", bot).queryParam("page_num", 1).queryParam("page_size", 10)
                .get("/v1/conversations")
                .then().statusCode(200).body("code", equalTo(0)).body("data.has_more", equalTo(false))
                .body("data.conversations.size()", equalTo(2))
                .body("data.conversations[0].id", equalTo(bare))
                .body("data.conversations[1].id", equalTo(id));
        assertConversationShape(list, "data.conversations[0]");
        given().header("Authorization", user.bearer()).queryParam("bot_id", bot).queryParam("sort_order", "ASC")
                .get("/v1/conversations")
                .then().statusCode(200).body("data.conversations[0].id", equalTo(id));
    }

    @Test
    void pagesConversationListsAndRejectsBadPageParameters() {
        Account user = Accounts.create(jwt, "paul");
        String bot = Accounts.bot(user, "Hi.");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(createConversation(user.bearer(), Map.of("bot_id", bot)));
        }
        given().header("Authorization", user.bearer()).queryParam("bot_id", bot).queryParam("page_num", 1)
                .queryParam("page_size", 2).get("/v1/conversations")
                .then().statusCode(200).body("data.has_more", equalTo(true))
                .body("data.conversations.id", equalTo(List.of(ids.get(2), ids.get(1))));
        given().header("Authorization", user.bearer()).queryParam("bot_id", bot).queryParam("page_num", 2)
                .queryParam("page_size", 2).get("/v1/conversations")
                .then().statusCode(200).body("data.has_more", equalTo(false))
                .body("data.conversations.id", equalTo(List.of(ids.get(0))));

        for (Map<String, String> bad : List.of(Map.of("page_num", "abc"), Map.of("page_size", "x"),
                Map.of("page_size", "0"), Map.of("page_size", "51"), Map.of("sort_order", "sideways"),
                Map.of("bot_id", "not-an-id"))) {
            given().header("Authorization", user.bearer()).queryParams(bad).get("/v1/conversations")
                    .then().statusCode(400).body("code", codeInRange103());
        }
    }

    private static org.hamcrest.Matcher<Integer> codeInRange103() {
        return org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(103_400_000))
                .and(org.hamcrest.Matchers.lessThan(103_500_000));
    }

    @Test
    void renamesDeletesAndClearsConversations() {
        Account user = Accounts.create(jwt, "rene");
        String bot = Accounts.bot(user, "Hi.");
        String id = createConversation(user.bearer(), Map.of("bot_id", bot, "name", "old"));
        String section = given().header("Authorization", user.bearer()).queryParam("conversation_id", id)
                .get("/v1/conversation/retrieve").then().extract().path("data.last_section_id");

        assertConversationShape(as(user.bearer()).body(Map.of("name", "new", "extra", 1)).put("/v1/conversations/" + id)
                .then().statusCode(200).body("code", equalTo(0)).body("data.name", equalTo("new")), "data");

        String newSection = given().header("Authorization", user.bearer()).post("/v1/conversations/" + id + "/clear")
                .then().statusCode(200).body("code", equalTo(0)).body("data.conversation_id", equalTo(id))
                .extract().path("data.id");
        assertThat(newSection).isNotBlank().isNotEqualTo(section);
        given().header("Authorization", user.bearer()).queryParam("conversation_id", id).get("/v1/conversation/retrieve")
                .then().body("data.last_section_id", equalTo(newSection));

        given().header("Authorization", user.bearer()).delete("/v1/conversations/" + id)
                .then().statusCode(200).body("code", equalTo(0)).body("data.size()", equalTo(0));
        given().header("Authorization", user.bearer()).queryParam("conversation_id", id).get("/v1/conversation/retrieve")
                .then().statusCode(404).body("code", equalTo(103404002));

        as(user.bearer()).body(Map.of("name", 5)).put("/v1/conversations/" + createConversation(user.bearer(),
                Map.of("bot_id", bot))).then().statusCode(200);
        as(user.bearer()).body(Map.of("name", List.of("x"))).put("/v1/conversations/" + createConversation(user.bearer(),
                Map.of("bot_id", bot))).then().statusCode(400).body("code", codeInRange103());
        as(user.bearer()).body("{not json").post("/v1/conversation/create").then().statusCode(400).body("code", equalTo(103400002));
        as(user.bearer()).body(Map.of("bot_id", "abc")).post("/v1/conversation/create").then().statusCode(400)
                .body("code", codeInRange103());
        given().header("Authorization", user.bearer()).get("/v1/conversation/retrieve").then().statusCode(400)
                .body("code", codeInRange103());
    }

    @Test
    void createsListsRetrievesModifiesAndDeletesMessages() {
        Account user = Accounts.create(jwt, "mia");
        String bot = Accounts.bot(user, "Hi.");
        String conversation = createConversation(user.bearer(), Map.of("bot_id", bot));

        // an empty list still carries every field the SDKs require
        as(user.bearer()).queryParam("conversation_id", conversation).body(Map.of()).post("/v1/conversation/message/list")
                .then().statusCode(200).body("code", equalTo(0)).body("msg", equalTo(""))
                .body("data.size()", equalTo(0)).body("has_more", equalTo(false))
                .body("first_id", equalTo("")).body("last_id", equalTo(""));
        // without a body or a content type, list still answers; a broken body is a 400
        given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .post("/v1/conversation/message/list").then().statusCode(200).body("first_id", equalTo(""));
        as(user.bearer()).queryParam("conversation_id", conversation).body("{oops")
                .post("/v1/conversation/message/list").then().statusCode(400).body("code", equalTo(103400002));

        String created = as(user.bearer()).queryParam("conversation_id", conversation)
                .body(Map.of("role", "assistant", "content", "canned", "content_type", "text", "meta_data", Map.of("a", "b"),
                        "audio", ""))
                .post("/v1/conversation/message/create")
                .then().statusCode(200).body("code", equalTo(0)).body("data.role", equalTo("assistant"))
                .body("data.content", equalTo("canned")).body("data.content_type", equalTo("text"))
                .body("data.conversation_id", equalTo(conversation)).body("data.meta_data.a", equalTo("b"))
                .extract().path("data.id");
        assertThat(llm.requestCount()).as("creating a message asks for no reply").isZero();

        given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .queryParam("message_id", created).get("/v1/conversation/message/retrieve")
                .then().statusCode(200).body("data.id", equalTo(created)).body("data.content", equalTo("canned"));
        given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .queryParam("message_id", created).post("/v1/conversation/message/retrieve")
                .then().statusCode(200).body("data.id", equalTo(created)).body("data.role", equalTo("assistant"));

        as(user.bearer()).queryParam("conversation_id", conversation).queryParam("message_id", created)
                .body(Map.of("content", "edited", "content_type", "text", "meta_data", Map.of("x", "y")))
                .post("/v1/conversation/message/modify")
                .then().statusCode(200).body("code", equalTo(0)).body("$", not(hasKey("data")))
                .body("message.id", equalTo(created)).body("message.content", equalTo("edited"))
                .body("message.role", equalTo("assistant")).body("message.content_type", equalTo("text"))
                .body("message.meta_data.x", equalTo("y"));

        as(user.bearer()).queryParam("conversation_id", conversation).queryParam("message_id", created)
                .post("/v1/conversation/message/delete")
                .then().statusCode(200).body("code", equalTo(0)).body("data.id", equalTo(created))
                .body("data.content", equalTo("edited"));
        given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .queryParam("message_id", created).get("/v1/conversation/message/retrieve")
                .then().statusCode(404).body("code", equalTo(103404003));

        // bad input is a 400 in the 103 range, never a 500
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("role", "system", "content", "x"),
                Map.of("role", "user", "content", ""), Map.of("role", "user", "content", "x", "content_type", "video"),
                Map.of("role", "user", "content", List.of(1)), Map.of("role", "user", "content", "x", "meta_data", "m"))) {
            as(user.bearer()).queryParam("conversation_id", conversation).body(bad).post("/v1/conversation/message/create")
                    .then().statusCode(400).body("code", codeInRange103());
        }
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("limit", 0), Map.of("limit", 51),
                Map.of("limit", "abc"), Map.of("order", "up"), Map.of("before_id", "x"), Map.of("chat_id", "x"))) {
            as(user.bearer()).queryParam("conversation_id", conversation).body(bad).post("/v1/conversation/message/list")
                    .then().statusCode(400).body("code", codeInRange103());
        }
        as(user.bearer()).body(Map.of()).post("/v1/conversation/message/list").then().statusCode(400)
                .body("code", codeInRange103());
        given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .get("/v1/conversation/message/retrieve").then().statusCode(400).body("code", codeInRange103());
    }

    @Test
    void pagesMessagesWithOrderLimitAndCursors() {
        Account user = Accounts.create(jwt, "lena");
        String bot = Accounts.bot(user, "Hi.");
        String conversation = createConversation(user.bearer(), Map.of("bot_id", bot));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(addMessage(user.bearer(), conversation, "m" + i));
        }

        // newest first by default
        as(user.bearer()).queryParam("conversation_id", conversation).body(Map.of("limit", 2))
                .post("/v1/conversation/message/list")
                .then().statusCode(200).body("data.content", equalTo(List.of("m4", "m3")))
                .body("has_more", equalTo(true)).body("first_id", equalTo(ids.get(4))).body("last_id", equalTo(ids.get(3)));
        // older than the last one seen
        as(user.bearer()).queryParam("conversation_id", conversation).body(Map.of("limit", 2, "before_id", ids.get(3)))
                .post("/v1/conversation/message/list")
                .then().statusCode(200).body("data.content", equalTo(List.of("m2", "m1"))).body("has_more", equalTo(true));
        as(user.bearer()).queryParam("conversation_id", conversation).body(Map.of("limit", 2, "before_id", ids.get(1)))
                .post("/v1/conversation/message/list")
                .then().statusCode(200).body("data.content", equalTo(List.of("m0"))).body("has_more", equalTo(false))
                .body("first_id", equalTo(ids.get(0))).body("last_id", equalTo(ids.get(0)));
        // newer than a given one
        as(user.bearer()).queryParam("conversation_id", conversation).body(Map.of("limit", 2, "after_id", ids.get(1)))
                .post("/v1/conversation/message/list")
                .then().statusCode(200).body("data.content", equalTo(List.of("m2", "m3"))).body("has_more", equalTo(true));
        as(user.bearer()).queryParam("conversation_id", conversation).body(Map.of("after_id", ids.get(3)))
                .post("/v1/conversation/message/list")
                .then().statusCode(200).body("data.content", equalTo(List.of("m4"))).body("has_more", equalTo(false));
        // oldest first, default limit 50, unknown fields ignored
        as(user.bearer()).queryParam("conversation_id", conversation).body(Map.of("order", "asc", "whatever", "x"))
                .post("/v1/conversation/message/list")
                .then().statusCode(200).body("data.content", equalTo(List.of("m0", "m1", "m2", "m3", "m4")))
                .body("has_more", equalTo(false)).body("first_id", equalTo(ids.get(0))).body("last_id", equalTo(ids.get(4)));
    }

    @Test
    void listsOnlyTheMessagesOfOneChat() {
        Account user = Accounts.create(jwt, "chad");
        String bot = Accounts.bot(user, "Hi.");
        String conversation = createConversation(user.bearer(), Map.of("bot_id", bot));
        addMessage(user.bearer(), conversation, "before the chat");
        llm.enqueue(OpenAiStub.Reply.text("the answer"));
        JsonNode chat = as(user.bearer()).queryParam("conversation_id", conversation)
                .body(Map.of("bot_id", bot, "user_id", "u", "stream", false,
                        "additional_messages", List.of(Map.of("role", "user", "content", "q", "content_type", "text"))))
                .post("/v3/chat").then().statusCode(200).extract().as(JsonNode.class).path("data");
        CozeChatApiTest.awaitTerminal(user.bearer(), conversation, chat.path("id").asText());
        as(user.bearer()).queryParam("conversation_id", conversation).body(Map.of("chat_id", chat.path("id").asText(), "order", "asc"))
                .post("/v1/conversation/message/list")
                .then().statusCode(200).body("data.content", org.hamcrest.Matchers.hasItems("q", "the answer"))
                .body("data.content", not(org.hamcrest.Matchers.hasItem("before the chat")))
                .body("data.chat_id", org.hamcrest.Matchers.everyItem(equalTo(chat.path("id").asText())));
    }

    @Test
    void aStrangerFindsNoneOfIt() {
        Account owner = Accounts.create(jwt, "olga");
        Account stranger = Accounts.create(jwt, "sam");
        String bot = Accounts.bot(owner, "Hi.");
        String conversation = createConversation(owner.bearer(), Map.of("bot_id", bot));
        String message = addMessage(owner.bearer(), conversation, "secret");
        String s = stranger.bearer();
        int notFound = 103404002;

        given().header("Authorization", s).queryParam("conversation_id", conversation).get("/v1/conversation/retrieve")
                .then().statusCode(404).body("code", equalTo(notFound));
        as(s).body(Map.of("name", "mine")).put("/v1/conversations/" + conversation)
                .then().statusCode(404).body("code", equalTo(notFound));
        given().header("Authorization", s).delete("/v1/conversations/" + conversation)
                .then().statusCode(404).body("code", equalTo(notFound));
        given().header("Authorization", s).post("/v1/conversations/" + conversation + "/clear")
                .then().statusCode(404).body("code", equalTo(notFound));
        as(s).queryParam("conversation_id", conversation).body(Map.of("role", "user", "content", "x"))
                .post("/v1/conversation/message/create").then().statusCode(404).body("code", equalTo(notFound));
        as(s).queryParam("conversation_id", conversation).body(Map.of()).post("/v1/conversation/message/list")
                .then().statusCode(404).body("code", equalTo(notFound));
        for (String method : List.of("GET", "POST")) {
            given().header("Authorization", s).queryParam("conversation_id", conversation).queryParam("message_id", message)
                    .request(method, "/v1/conversation/message/retrieve").then().statusCode(404).body("code", equalTo(notFound));
        }
        as(s).queryParam("conversation_id", conversation).queryParam("message_id", message).body(Map.of("content", "x"))
                .post("/v1/conversation/message/modify").then().statusCode(404).body("code", equalTo(notFound));
        as(s).queryParam("conversation_id", conversation).queryParam("message_id", message)
                .post("/v1/conversation/message/delete").then().statusCode(404).body("code", equalTo(notFound));
        given().header("Authorization", s).get("/v1/conversations").then().statusCode(200)
                .body("data.conversations.size()", equalTo(0)).body("data.has_more", equalTo(false));

        // the owner's data is untouched
        given().header("Authorization", owner.bearer()).queryParam("conversation_id", conversation)
                .queryParam("message_id", message).get("/v1/conversation/message/retrieve")
                .then().statusCode(200).body("data.content", equalTo("secret"));
    }

    @Test
    void anAppApiKeySeesOnlyItsBotsConversations() {
        Account owner = Accounts.create(jwt, "kay");
        String mine = Accounts.bot(owner, "Mine.");
        String other = Accounts.bot(owner, "Other.");
        String key = "Bearer " + Accounts.apiKeyToken(jwt, owner, mine);
        String ofOther = createConversation(owner.bearer(), Map.of("bot_id", other));
        String viaKey = createConversation(key, Map.of("bot_id", mine));
        String ownedMine = createConversation(owner.bearer(), Map.of("bot_id", mine));

        given().header("Authorization", key).get("/v1/conversations").then().statusCode(200)
                .body("data.conversations.id", equalTo(List.of(ownedMine, viaKey)));
        given().header("Authorization", key).queryParam("bot_id", other).get("/v1/conversations").then().statusCode(200)
                .body("data.conversations.size()", equalTo(0));
        given().header("Authorization", key).queryParam("conversation_id", ofOther).get("/v1/conversation/retrieve")
                .then().statusCode(404).body("code", equalTo(103404002));
        as(key).queryParam("conversation_id", ofOther).body(Map.of()).post("/v1/conversation/message/list")
                .then().statusCode(404).body("code", equalTo(103404002));
        as(key).body(Map.of("bot_id", other)).post("/v1/conversation/create").then().statusCode(404);
        given().header("Authorization", key).queryParam("conversation_id", viaKey).get("/v1/conversation/retrieve")
                .then().statusCode(200).body("data.bot_id", equalTo(mine));
    }
}

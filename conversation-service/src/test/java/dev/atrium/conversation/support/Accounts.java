package dev.atrium.conversation.support;

import java.util.concurrent.atomic.AtomicLong;

import dev.atrium.proto.bot.v1.BotRuntime;
import dev.atrium.proto.bot.v1.ModelConfig;
import dev.atrium.proto.bot.v1.ModelTarget;
import dev.atrium.testkit.JwtKit;

/** Users, workspaces and bots of the fake platform. */
public final class Accounts {

    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() * 1000);

    public record Account(long userId, long workspaceId, String token) {
        public String bearer() {
            return "Bearer " + token;
        }

        public String workspace() {
            return Long.toString(workspaceId);
        }
    }

    private Accounts() {
    }

    public static long nextId() {
        return NEXT.incrementAndGet();
    }

    public static Account create(JwtKit kit, String name) {
        long userId = nextId();
        long workspaceId = nextId();
        FakePlatform.grant(userId, workspaceId, "owner", "personal");
        return new Account(userId, workspaceId, kit.mint(userId, name + userId));
    }

    /** An app API key's token, bound to one bot in the owner's workspace. */
    public static String apiKeyToken(JwtKit kit, Account owner, String botId) {
        return kit.mint(JwtKit.claims(owner.userId(), "key" + owner.userId()).tkn("api_key").scopes("chat")
                .workspace(owner.workspace()).bot(botId));
    }

    /** A published bot of the account's workspace answering with the LLM stub. */
    public static String bot(Account owner, String systemPrompt) {
        return bot(owner, BotRuntime.newBuilder().setSystemPrompt(systemPrompt).setSystemPromptTemplate(systemPrompt));
    }

    public static String bot(Account owner, BotRuntime.Builder runtime) {
        String botId = Long.toString(nextId());
        if (!runtime.hasModel()) {
            runtime.setModel(ModelConfig.newBuilder().setTarget(ModelTarget.getDefaultInstance()));
        }
        FakePlatform.bot(runtime.setBotId(botId).setWorkspaceId(owner.workspace()).setOwnerId(Long.toString(owner.userId()))
                .setName("bot" + botId).setVersion(1).build());
        return botId;
    }
}

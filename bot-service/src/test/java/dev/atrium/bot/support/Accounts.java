package dev.atrium.bot.support;

import java.util.concurrent.atomic.AtomicLong;

import dev.atrium.testkit.JwtKit;

/**
 * Users for tests: each gets a personal workspace (registered with {@link FakeAuth}) and a session token
 * minted by the test kit's signing key, which bot-service verifies like any auth-service token.
 */
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
        FakeAuth.grant(userId, workspaceId, "owner", "personal");
        return new Account(userId, workspaceId, kit.mint(userId, name + userId));
    }

    /** A team workspace owned by {@code owner}. */
    public static long teamWorkspace(Account owner) {
        long workspaceId = nextId();
        FakeAuth.grant(owner.userId(), workspaceId, "owner", "team");
        return workspaceId;
    }

    public static void join(Account user, long workspaceId, String role) {
        FakeAuth.grant(user.userId(), workspaceId, role, "team");
    }

    /** An app API key's token, bound to one bot in one workspace (scope chat only). */
    public static String apiKeyToken(JwtKit kit, Account owner, String botId) {
        return kit.mint(JwtKit.claims(owner.userId(), "key" + owner.userId()).tkn("api_key").scopes("chat")
                .workspace(owner.workspace()).bot(botId));
    }

    /** A PAT's token limited to {@code scopes}. */
    public static String scopedPat(JwtKit kit, Account owner, String... scopes) {
        return kit.mint(JwtKit.claims(owner.userId(), "pat" + owner.userId()).tkn("pat").scopes(scopes));
    }
}

package dev.atrium.auth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A long-lived secret a client presents instead of a login: a personal access token or an app API key. */
@Entity
@Table(name = "credentials")
public class Credential {

    public static final String PAT = "pat";
    public static final String API_KEY = "api_key";

    @Id
    public long id;
    public String kind;
    @Column(name = "user_id")
    public long userId;
    @Column(name = "workspace_id")
    public Long workspaceId;
    @Column(name = "bot_id")
    public Long botId;
    public String name;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "token_hint")
    public String tokenHint;
    public String scopes;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isUsable(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}

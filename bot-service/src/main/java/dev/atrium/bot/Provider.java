package dev.atrium.bot;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An LLM endpoint of a workspace speaking the OpenAI protocol. {@code apiKey} is ciphertext. */
@Entity
@Table(name = "providers")
public class Provider {

    @Id
    public long id;
    @Column(name = "workspace_id")
    public long workspaceId;
    public String name;
    public String type;
    @Column(name = "base_url")
    public String baseUrl;
    @Column(name = "api_key")
    public String apiKey;
    @Column(name = "api_key_hint")
    public String apiKeyHint;
    @JdbcTypeCode(SqlTypes.JSON)
    public String models;
    @Column(name = "default_model")
    public String defaultModel;
    @Column(name = "default_params")
    @JdbcTypeCode(SqlTypes.JSON)
    public String defaultParams;
    @Column(name = "is_default")
    public boolean isDefault;
    @Column(name = "created_by")
    public long createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

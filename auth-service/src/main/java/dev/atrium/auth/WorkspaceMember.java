package dev.atrium.auth;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "workspace_members")
public class WorkspaceMember {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";

    @EmbeddedId
    public Key key;
    public String role;
    @Column(name = "created_at")
    public Instant createdAt;

    @Embeddable
    public record Key(@Column(name = "workspace_id") long workspaceId, @Column(name = "user_id") long userId)
            implements Serializable {
    }

    public boolean canManage() {
        return OWNER.equals(role) || ADMIN.equals(role);
    }
}

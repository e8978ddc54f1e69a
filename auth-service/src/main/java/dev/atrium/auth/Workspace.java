package dev.atrium.auth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Every Atrium resource belongs to a workspace: a personal one per user, and team ones. */
@Entity
@Table(name = "workspaces")
public class Workspace {

    public static final String PERSONAL = "personal";
    public static final String TEAM = "team";

    @Id
    public long id;
    public String name;
    public String description;
    public String kind;
    @Column(name = "owner_id")
    public long ownerId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

package dev.atrium.auth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "users")
public class User {

    public static final String ROLE_ADMIN = "admin";
    public static final String ROLE_USER = "user";

    @Id
    public long id;
    public String username;
    public String email;
    @Column(name = "password_hash")
    public String passwordHash;
    public String nickname;
    public String role;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

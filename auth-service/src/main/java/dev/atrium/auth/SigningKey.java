package dev.atrium.auth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The RSA key that signs access tokens, generated once when none is configured. */
@Entity
@Table(name = "signing_keys")
public class SigningKey {

    @Id
    public String kid;
    @Column(name = "private_pem")
    public String privatePem;
    @Column(name = "public_pem")
    public String publicPem;
    @Column(name = "created_at")
    public Instant createdAt;
}

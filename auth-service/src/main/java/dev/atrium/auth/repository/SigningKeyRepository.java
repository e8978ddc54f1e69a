package dev.atrium.auth.repository;

import java.util.Optional;

import dev.atrium.auth.SigningKey;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    public Optional<SigningKey> newest() {
        return find("order by createdAt desc").firstResultOptional();
    }
}

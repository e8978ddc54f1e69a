package dev.atrium.auth.repository;

import java.util.List;
import java.util.Optional;

import dev.atrium.auth.Credential;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CredentialRepository implements PanacheRepositoryBase<Credential, Long> {

    public Optional<Credential> findByHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    public List<Credential> listForUser(long userId, String kind) {
        return list("userId = ?1 and kind = ?2 and revokedAt is null order by id desc", userId, kind);
    }

    public Optional<Credential> findOwned(long id, long userId, String kind) {
        return find("id = ?1 and userId = ?2 and kind = ?3", id, userId, kind).firstResultOptional();
    }
}

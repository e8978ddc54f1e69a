package dev.atrium.bot.repository;

import java.util.List;
import java.util.Optional;

import dev.atrium.bot.Provider;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ProviderRepository implements PanacheRepositoryBase<Provider, Long> {

    public List<Provider> listIn(long workspaceId) {
        return find("workspaceId", Sort.ascending("id"), workspaceId).list();
    }

    public Optional<Provider> inWorkspace(long workspaceId, long id) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional();
    }

    public Optional<Provider> inWorkspace(long workspaceId, long id, jakarta.persistence.LockModeType lock) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).withLock(lock).firstResultOptional();
    }

    public Optional<Provider> defaultOf(long workspaceId) {
        return find("workspaceId = ?1 and isDefault = true", workspaceId).firstResultOptional();
    }

    public Optional<Provider> byName(long workspaceId, String name) {
        return find("workspaceId = ?1 and lower(name) = ?2", workspaceId, name.toLowerCase()).firstResultOptional();
    }

    public void clearDefault(long workspaceId) {
        update("isDefault = false where workspaceId = ?1 and isDefault = true", workspaceId);
    }
}

package dev.atrium.bot.repository;

import java.util.List;
import java.util.Optional;

import dev.atrium.bot.BotVersion;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class BotVersionRepository implements PanacheRepositoryBase<BotVersion, BotVersion.Key> {

    public Optional<BotVersion> find(long botId, int version) {
        return findByIdOptional(new BotVersion.Key(botId, version));
    }

    public List<BotVersion> listFor(long botId, int offset, int limit) {
        return find("key.botId", Sort.descending("key.version"), botId).range(offset, offset + limit - 1).list();
    }

    public long countFor(long botId) {
        return count("key.botId", botId);
    }
}

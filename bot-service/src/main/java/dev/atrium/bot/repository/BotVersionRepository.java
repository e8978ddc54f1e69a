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

    /** The latest published version of each of these bots, in one query. */
    public java.util.Map<Long, BotVersion> latestOf(java.util.Collection<Long> botIds) {
        if (botIds.isEmpty()) {
            return java.util.Map.of();
        }
        return find("key.botId in ?1 and key.version = (select b.latestVersion from Bot b where b.id = key.botId)", botIds)
                .stream().collect(java.util.stream.Collectors.toMap(v -> v.key.botId(), v -> v));
    }

    public List<BotVersion> listFor(long botId, int offset, int limit) {
        return find("key.botId", Sort.descending("key.version"), botId).range(offset, offset + limit - 1).list();
    }

    public long countFor(long botId) {
        return count("key.botId", botId);
    }
}

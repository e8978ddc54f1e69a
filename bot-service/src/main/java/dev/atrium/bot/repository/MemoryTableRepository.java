package dev.atrium.bot.repository;

import java.util.List;
import java.util.Optional;

import dev.atrium.bot.MemoryTable;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class MemoryTableRepository implements PanacheRepositoryBase<MemoryTable, Long> {

    public List<MemoryTable> listFor(long botId) {
        return find("botId", Sort.ascending("id"), botId).list();
    }

    public long countFor(long botId) {
        return count("botId", botId);
    }

    /** The bot's table with this id; {@code lock} holds it until the transaction ends (row limits, schema changes). */
    public Optional<MemoryTable> byId(long botId, long id, boolean lock) {
        var query = find("id = ?1 and botId = ?2", id, botId);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResultOptional();
    }

    /** Names are unique per bot regardless of case. */
    public Optional<MemoryTable> byName(long botId, String name, boolean lock) {
        var query = find("botId = ?1 and lower(name) = ?2", botId, name.toLowerCase());
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResultOptional();
    }
}

package dev.atrium.bot.repository;

import java.time.Instant;
import java.util.List;

import dev.atrium.bot.VariableEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class VariableEntryRepository implements PanacheRepositoryBase<VariableEntry, VariableEntry.Key> {

    /** The stored values of one end user of one connector. */
    public List<VariableEntry> forUser(long botId, String connectorId, String connectorUid) {
        return find("key.botId = ?1 and key.connectorId = ?2 and key.connectorUid = ?3", botId, connectorId, connectorUid).list();
    }

    /** Sets a value in one statement, so two first writes of the same key cannot collide. */
    public void upsert(long botId, String connectorId, String connectorUid, String keyword, String value, Instant now) {
        getEntityManager().createNativeQuery("""
                insert into memory_variables (bot_id, connector_id, connector_uid, keyword, value, created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                on conflict (bot_id, connector_id, connector_uid, keyword)
                do update set value = excluded.value, updated_at = excluded.updated_at
                """).setParameter(1, botId).setParameter(2, connectorId).setParameter(3, connectorUid)
                .setParameter(4, keyword).setParameter(5, value).setParameter(6, now).executeUpdate();
    }

    public long remove(long botId, String connectorId, String connectorUid, String keyword) {
        return delete("key.botId = ?1 and key.connectorId = ?2 and key.connectorUid = ?3 and key.keyword = ?4",
                botId, connectorId, connectorUid, keyword);
    }

    public long removeAll(long botId, String connectorId, String connectorUid) {
        return delete("key.botId = ?1 and key.connectorId = ?2 and key.connectorUid = ?3", botId, connectorId, connectorUid);
    }
}

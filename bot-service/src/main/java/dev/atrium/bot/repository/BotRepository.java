package dev.atrium.bot.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.atrium.bot.Bot;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class BotRepository implements PanacheRepositoryBase<Bot, Long> {

    /** Filters of the bot list; null means "any". */
    public record Filter(long workspaceId, String search, String platformType, Boolean running, Boolean published,
                         boolean changedSincePublish) {
        public Filter(long workspaceId, String search, String platformType, Boolean running, Boolean published) {
            this(workspaceId, search, platformType, running, published, false);
        }
    }

    public Optional<Bot> findLive(long id) {
        return find("id = ?1 and deletedAt is null", id).firstResultOptional();
    }

    public Optional<Bot> findLiveForUpdate(long id) {
        return find("id = ?1 and deletedAt is null", id).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public PanacheQuery<Bot> search(Filter filter) {
        StringBuilder q = new StringBuilder("workspaceId = :ws and deletedAt is null");
        Map<String, Object> params = new HashMap<>();
        params.put("ws", filter.workspaceId());
        if (filter.search() != null && !filter.search().isBlank()) {
            q.append(" and (lower(name) like :search escape '\\' or lower(description) like :search escape '\\')");
            params.put("search", "%" + escapeLike(filter.search().strip().toLowerCase()) + "%");
        }
        if (filter.platformType() != null) {
            q.append(" and platformType = :pt");
            params.put("pt", filter.platformType());
        }
        if (filter.running() != null) {
            q.append(" and running = :running");
            params.put("running", filter.running());
        }
        if (filter.published() != null) {
            q.append(filter.published() ? " and latestVersion > 0" : " and latestVersion = 0");
        }
        if (filter.changedSincePublish()) {
            q.append(" and latestVersion > 0 and updatedAt > publishedAt");
        }
        return find(q.toString(), Sort.descending("updatedAt").and("id", Sort.Direction.Descending), params);
    }

    public List<Bot> publishedIn(long workspaceId, int offset, int limit) {
        return find("workspaceId = ?1 and deletedAt is null and latestVersion > 0",
                Sort.descending("publishedAt").and("id", Sort.Direction.Descending), workspaceId)
                .range(offset, offset + limit - 1).list();
    }

    public long countPublishedIn(long workspaceId) {
        return count("workspaceId = ?1 and deletedAt is null and latestVersion > 0", workspaceId);
    }

    /** Adds activity counted from conversation events; one statement, so concurrent consumers cannot lose counts. */
    public void addActivity(long botId, long messages, long errors, Instant at) {
        update("messageCount = messageCount + ?1, errorCount = errorCount + ?2, "
                + "lastActivityAt = case when lastActivityAt is null or lastActivityAt < ?3 then ?3 else lastActivityAt end "
                + "where id = ?4", messages, errors, at, botId);
    }

    public static String escapeLike(String s) {
        List<String> out = new ArrayList<>();
        for (char c : s.toCharArray()) {
            out.add(c == '%' || c == '_' || c == '\\' ? "\\" + c : String.valueOf(c));
        }
        return String.join("", out);
    }

    /** Live bots whose draft or latest published version names the provider (as main model or fallback). */
    public long countUsingProvider(long workspaceId, String providerId) {
        String fallback = "[{\"provider_id\":\"" + providerId + "\"}]";
        Object n = getEntityManager().createNativeQuery("""
                select count(*) from bots b where b.workspace_id = ?1 and b.deleted_at is null and (
                  b.draft -> 'model' ->> 'provider_id' = ?2 or b.draft -> 'fallback' @> cast(?3 as jsonb)
                  or exists (select 1 from bot_versions v where v.bot_id = b.id and v.version = b.latest_version
                     and (v.definition -> 'model' ->> 'provider_id' = ?2 or v.definition -> 'fallback' @> cast(?3 as jsonb))))
                """).setParameter(1, workspaceId).setParameter(2, providerId).setParameter(3, fallback).getSingleResult();
        return ((Number) n).longValue();
    }
}

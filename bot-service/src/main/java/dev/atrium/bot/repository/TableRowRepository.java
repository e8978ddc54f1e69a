package dev.atrium.bot.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.atrium.bot.TableRow;
import dev.atrium.bot.TableRowCriteria;
import dev.atrium.bot.TableRowCriteria.Column;
import dev.atrium.bot.TableRowCriteria.Condition;
import dev.atrium.bot.TableRowCriteria.Op;
import dev.atrium.bot.TableRowCriteria.Order;
import dev.atrium.bot.TableRowCriteria.Target;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

/**
 * Rows of memory tables. Filters become SQL only from the fixed fragments below: a field name and every
 * value travel as bind parameters ({@code ?n}), and what varies with the request (column kind, operator,
 * direction) selects a fragment from a closed enum. No text of a request is ever part of the SQL string.
 */
@ApplicationScoped
public class TableRowRepository implements PanacheRepositoryBase<TableRow, Long> {

    /**
     * How each kind of column is read; {@code %1$s} is the bind parameter holding the JSON key. Numbers and
     * booleans are cast only when the JSON value has that type, so a row of another table that happens to
     * use the same key can never make the cast fail.
     */
    private static final Map<Column, String> COLUMNS = new EnumMap<>(Map.of(
            Column.TEXT, "(r.data ->> cast(%1$s as text))",
            Column.NUMBER, "(case when jsonb_typeof(r.data -> cast(%1$s as text)) = 'number' "
                    + "then cast(r.data ->> cast(%1$s as text) as numeric) end)",
            Column.BOOL, "(case when jsonb_typeof(r.data -> cast(%1$s as text)) = 'boolean' "
                    + "then cast(r.data ->> cast(%1$s as text) as boolean) end)",
            Column.DATE, "memory_timestamptz(r.data ->> cast(%1$s as text))",
            Column.ID, "r.id",
            Column.USER_ID, "r.user_id",
            Column.CREATED_AT, "r.created_at",
            Column.UPDATED_AT, "r.updated_at"));

    /** How a bound value is typed to compare with a column of that kind. */
    private static final Map<Column, String> VALUES = new EnumMap<>(Map.of(
            Column.TEXT, "cast(%1$s as text)",
            Column.NUMBER, "cast(%1$s as numeric)",
            Column.BOOL, "cast(%1$s as boolean)",
            Column.DATE, "cast(%1$s as timestamptz)",
            Column.ID, "cast(%1$s as bigint)",
            Column.USER_ID, "cast(%1$s as text)",
            Column.CREATED_AT, "cast(%1$s as timestamptz)",
            Column.UPDATED_AT, "cast(%1$s as timestamptz)"));

    /** Binary operators: {@code %1$s} the column, {@code %2$s} the value. The negations also match absent values. */
    private static final Map<Op, String> OPERATORS = new EnumMap<>(Map.of(
            Op.EQ, "%1$s = %2$s",
            Op.NE, "%1$s is distinct from %2$s",
            Op.GT, "%1$s > %2$s",
            Op.GTE, "%1$s >= %2$s",
            Op.LT, "%1$s < %2$s",
            Op.LTE, "%1$s <= %2$s",
            Op.LIKE, "%1$s like %2$s",
            Op.NOT_LIKE, "(%1$s is null or %1$s not like %2$s)"));

    public Optional<TableRow> findIn(long tableId, long rowId, Optional<String> owner) {
        return query(tableId, rowId, owner).firstResultOptional();
    }

    /** The row locked for the rest of the transaction, so concurrent edits of different fields both survive. */
    public Optional<TableRow> findInForUpdate(long tableId, long rowId, Optional<String> owner) {
        return query(tableId, rowId, owner).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    private io.quarkus.hibernate.orm.panache.PanacheQuery<TableRow> query(long tableId, long rowId, Optional<String> owner) {
        return owner.isPresent()
                ? find("id = ?1 and tableId = ?2 and userId = ?3", rowId, tableId, owner.get())
                : find("id = ?1 and tableId = ?2", rowId, tableId);
    }

    public long countIn(long tableId) {
        return count("tableId", tableId);
    }

    /** Row counts of several tables at once (tables without rows are absent). */
    public Map<Long, Long> countsOf(List<Long> tableIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (tableIds.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = getEntityManager().createQuery(
                "select r.tableId, count(r) from TableRow r where r.tableId in ?1 group by r.tableId", Object[].class)
                .setParameter(1, tableIds).getResultList();
        rows.forEach(r -> counts.put((Long) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    /** One page of the rows matching {@code criteria}, ordered by {@code order} and then by id (insertion order). */
    @SuppressWarnings("unchecked")
    public List<TableRow> search(long tableId, Optional<String> owner, TableRowCriteria criteria, List<Order> order,
                                 int offset, int limit) {
        Sql sql = new Sql("select r.* from memory_rows r");
        where(sql, tableId, owner, criteria);
        sql.append(" order by ");
        for (Order o : order) {
            // empty values sort last in both directions
            sql.append(column(sql, o.target())).append(o.descending() ? " desc nulls last, " : " asc nulls last, ");
        }
        sql.append("r.id asc");
        Query query = sql.bind(getEntityManager().createNativeQuery(sql.text(), TableRow.class));
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(long tableId, Optional<String> owner, TableRowCriteria criteria) {
        Sql sql = new Sql("select count(*) from memory_rows r");
        where(sql, tableId, owner, criteria);
        return ((Number) sql.bind(getEntityManager().createNativeQuery(sql.text())).getSingleResult()).longValue();
    }

    /**
     * Merges {@code patchJson} (an object of field → value) into the matching rows; a null in the patch
     * removes the field, so stored rows never hold nulls.
     */
    public int patch(long tableId, Optional<String> owner, TableRowCriteria criteria, String patchJson, Instant now) {
        Sql sql = new Sql("update memory_rows r set ");
        sql.append("data = jsonb_strip_nulls(r.data || cast(").append(sql.param(patchJson)).append(" as jsonb)), ");
        sql.append("updated_at = ").append(sql.param(now));
        where(sql, tableId, owner, criteria);
        return sql.bind(getEntityManager().createNativeQuery(sql.text())).executeUpdate();
    }

    public int remove(long tableId, Optional<String> owner, TableRowCriteria criteria) {
        Sql sql = new Sql("delete from memory_rows r");
        where(sql, tableId, owner, criteria);
        return sql.bind(getEntityManager().createNativeQuery(sql.text())).executeUpdate();
    }

    /** Drops a removed field's values from every row of the table (a schema change, so updated_at stays). */
    public int dropField(long tableId, String field) {
        return getEntityManager().createNativeQuery(
                "update memory_rows set data = data - cast(?1 as text) where table_id = ?2")
                .setParameter(1, field).setParameter(2, tableId).executeUpdate();
    }

    private static void where(Sql sql, long tableId, Optional<String> owner, TableRowCriteria criteria) {
        sql.append(" where r.table_id = ").append(sql.param(tableId));
        owner.ifPresent(user -> sql.append(" and r.user_id = ").append(sql.param(user)));
        if (criteria.isEmpty()) {
            return;
        }
        sql.append(" and (");
        for (int i = 0; i < criteria.conditions().size(); i++) {
            if (i > 0) {
                sql.append(criteria.any() ? " or " : " and ");
            }
            sql.append("(").append(condition(sql, criteria.conditions().get(i))).append(")");
        }
        sql.append(")");
    }

    private static String condition(Sql sql, Condition c) {
        String column = column(sql, c.target());
        return switch (c.op()) {
            case IS_NULL -> column + " is null";
            case IS_NOT_NULL -> column + " is not null";
            case IN -> column + " in (" + values(sql, c) + ")";
            case NOT_IN -> "(" + column + " is null or " + column + " not in (" + values(sql, c) + "))";
            default -> String.format(OPERATORS.get(c.op()), column, value(sql, c.target().column(), c.values().get(0)));
        };
    }

    private static String column(Sql sql, Target target) {
        String template = COLUMNS.get(target.column());
        return target.field() == null ? template : String.format(template, sql.param(target.field()));
    }

    private static String value(Sql sql, Column column, String value) {
        return String.format(VALUES.get(column), sql.param(value));
    }

    private static String values(Sql sql, Condition c) {
        List<String> out = new ArrayList<>();
        c.values().forEach(v -> out.add(value(sql, c.target().column(), v)));
        return String.join(", ", out);
    }

    /** A native statement under construction and its ordinal parameters, bound in order. */
    private static final class Sql {
        private final StringBuilder text;
        private final List<Object> params = new ArrayList<>();

        Sql(String start) {
            text = new StringBuilder(start);
        }

        Sql append(String fragment) {
            text.append(fragment);
            return this;
        }

        /** Registers a value and returns its placeholder. */
        String param(Object value) {
            params.add(value);
            return "?" + params.size();
        }

        String text() {
            return text.toString();
        }

        Query bind(Query query) {
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query;
        }
    }
}

package dev.atrium.bot.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.bot.BotErrors;
import dev.atrium.bot.MemoryErrors;
import dev.atrium.bot.MemoryTable;
import dev.atrium.bot.MemoryTableField;
import dev.atrium.bot.TableRow;
import dev.atrium.bot.TableRowCriteria;
import dev.atrium.bot.mapping.TableRowView;
import dev.atrium.bot.repository.TableRowRepository;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Rows of memory tables, read and written either by a table admin (every row) or on behalf of an end user,
 * for whom the table's rw_mode decides: single_user sees and changes only the rows that user inserted,
 * read_only may read every row and change none, multi_user may read and change every row.
 */
@ApplicationScoped
public class TableRowService {

    public static final int MAX_ROWS_PER_TABLE = 10_000;
    public static final int MAX_ROWS_PER_CALL = 100;

    /** A filter as clients send it: conditions joined by {@code logic} (and | or). */
    public record FilterSpec(String logic, List<ConditionSpec> conditions) {
    }

    /** {@code value} is any JSON: a string, number, boolean, or an array for in / not_in. */
    public record ConditionSpec(String field, String op, JsonNode value) {
    }

    public record OrderSpec(String field, String direction) {
    }

    private final MemoryTableService tables;
    private final TableRowRepository rows;
    private final ObjectMapper mapper;

    public TableRowService(MemoryTableService tables, TableRowRepository rows, ObjectMapper mapper) {
        this.tables = tables;
        this.rows = rows;
        this.mapper = mapper;
    }

    /** Inserts all rows or none; each records the scope's end user and connector. */
    @Transactional
    public List<TableRowView> insert(MemoryScope scope, String tableRef, List<JsonNode> newRows) {
        // the lock makes the row limit exact under concurrent inserts into one table
        MemoryTable table = tables.find(scope.bot(), tableRef, true);
        requireWrite(scope, table);
        if (newRows == null || newRows.isEmpty() || newRows.size() > MAX_ROWS_PER_CALL) {
            throw new DomainException(MemoryErrors.INVALID_ROW, "rows must hold 1-" + MAX_ROWS_PER_CALL + " rows");
        }
        Map<String, MemoryTableField> fields = tables.fields(table);
        List<ObjectNode> data = new ArrayList<>();
        for (int i = 0; i < newRows.size(); i++) {
            data.add(TableRowValues.forInsert(fields, newRows.get(i), "rows[" + i + "]"));
        }
        long existing = rows.countIn(table.id);
        if (existing + data.size() > MAX_ROWS_PER_TABLE) {
            throw new DomainException(MemoryErrors.TABLE_FULL, "table " + table.name + " holds " + existing + " of at most "
                    + MAX_ROWS_PER_TABLE + " rows; " + data.size() + " more do not fit");
        }
        Instant now = Instant.now();
        List<TableRowView> out = new ArrayList<>();
        for (ObjectNode values : data) {
            TableRow row = new TableRow();
            row.id = Ids.next();
            row.tableId = table.id;
            row.userId = scope.userId();
            row.connectorId = scope.connectorId();
            row.data = json(values);
            row.createdAt = now;
            row.updatedAt = now;
            rows.persist(row);
            out.add(view(row));
        }
        return out;
    }

    public Page<TableRowView> query(MemoryScope scope, String tableRef, FilterSpec filter, List<OrderSpec> order,
                                    Integer limit, Integer offset) {
        MemoryTable table = tables.find(scope.bot(), tableRef, false);
        Map<String, MemoryTableField> fields = tables.fields(table);
        TableRowCriteria criteria = TableRowValues.criteria(fields, filter);
        List<TableRowCriteria.Order> sort = TableRowValues.order(fields, order);
        PageQuery page = page(limit, offset);
        Optional<String> owner = scope.rowOwner(table);
        List<TableRowView> items = rows.search(table.id, owner, criteria, sort, page.offset(), page.limit()).stream()
                .map(this::view).toList();
        return Page.of(items, rows.count(table.id, owner, criteria), page);
    }

    /** Sets the fields {@code data} names (null clears an optional one) and keeps the others. */
    @Transactional
    public TableRowView update(MemoryScope scope, String tableRef, String rowId, JsonNode data) {
        MemoryTable table = tables.find(scope.bot(), tableRef, false);
        requireWrite(scope, table);
        TableRow row = Ids.parse(rowId).flatMap(id -> rows.findInForUpdate(table.id, id, scope.rowOwner(table)))
                .orElseThrow(() -> new DomainException(MemoryErrors.ROW_NOT_FOUND));
        ObjectNode patch = TableRowValues.forPatch(tables.fields(table), data, "data");
        ObjectNode merged = (ObjectNode) tree(row.data);
        patch.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                merged.remove(e.getKey());
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        });
        row.data = json(merged);
        row.updatedAt = Instant.now();
        return view(row);
    }

    @Transactional
    public void delete(MemoryScope scope, String tableRef, String rowId) {
        MemoryTable table = tables.find(scope.bot(), tableRef, false);
        requireWrite(scope, table);
        rows.delete(row(scope, table, rowId));
    }

    /** Sets {@code values} on every row the filter matches; an empty filter needs {@code all}. */
    @Transactional
    public long updateWhere(MemoryScope scope, String tableRef, FilterSpec filter, boolean all, JsonNode values) {
        MemoryTable table = tables.find(scope.bot(), tableRef, false);
        requireWrite(scope, table);
        Map<String, MemoryTableField> fields = tables.fields(table);
        TableRowCriteria criteria = bulkCriteria(fields, filter, all);
        ObjectNode patch = TableRowValues.forPatch(fields, values, "values");
        return rows.patch(table.id, scope.rowOwner(table), criteria, json(patch), Instant.now());
    }

    @Transactional
    public long deleteWhere(MemoryScope scope, String tableRef, FilterSpec filter, boolean all) {
        MemoryTable table = tables.find(scope.bot(), tableRef, false);
        requireWrite(scope, table);
        TableRowCriteria criteria = bulkCriteria(tables.fields(table), filter, all);
        return rows.remove(table.id, scope.rowOwner(table), criteria);
    }

    private static TableRowCriteria bulkCriteria(Map<String, MemoryTableField> fields, FilterSpec filter, boolean all) {
        TableRowCriteria criteria = TableRowValues.criteria(fields, filter);
        if (criteria.isEmpty() && !all) {
            throw new DomainException(MemoryErrors.FILTER_REQUIRED);
        }
        return criteria;
    }

    /** The row, if the scope may see it; rows of other end users of a single-user table do not exist for them. */
    private TableRow row(MemoryScope scope, MemoryTable table, String rowId) {
        return Ids.parse(rowId).flatMap(id -> rows.findIn(table.id, id, scope.rowOwner(table)))
                .orElseThrow(() -> new DomainException(MemoryErrors.ROW_NOT_FOUND));
    }

    private static void requireWrite(MemoryScope scope, MemoryTable table) {
        if (!scope.mayWrite(table)) {
            throw new DomainException(MemoryErrors.READ_ONLY_TABLE, "table " + table.name + " is read-only for end users");
        }
    }

    private static final CommonErrors ERRORS = new CommonErrors(BotErrors.MEMORY);

    private static PageQuery page(Integer limit, Integer offset) {
        PageQuery page = PageQuery.of(limit, offset, ERRORS);
        if (page.offset() > MAX_ROWS_PER_TABLE) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "offset must be between 0 and " + MAX_ROWS_PER_TABLE);
        }
        return page;
    }

    private TableRowView view(TableRow row) {
        return new TableRowView(Long.toString(row.id), row.userId, row.connectorId, row.createdAt.getEpochSecond(),
                row.updatedAt.getEpochSecond(), tree(row.data));
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt memory row", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

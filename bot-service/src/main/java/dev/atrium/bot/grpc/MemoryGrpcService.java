package dev.atrium.bot.grpc;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.atrium.bot.MemoryErrors;
import dev.atrium.bot.mapping.MemoryProtoMapper;
import dev.atrium.bot.mapping.TableRowView;
import dev.atrium.bot.service.MemoryAccess;
import dev.atrium.bot.service.MemoryScope;
import dev.atrium.bot.service.TableRowService;
import dev.atrium.bot.service.VariableService;
import dev.atrium.core.api.Page;
import dev.atrium.core.error.DomainException;
import dev.atrium.proto.bot.v1.DeleteRowsRequest;
import dev.atrium.proto.bot.v1.GetVariablesRequest;
import dev.atrium.proto.bot.v1.InsertRowsRequest;
import dev.atrium.proto.bot.v1.MemoryService;
import dev.atrium.proto.bot.v1.QueryRowsRequest;
import dev.atrium.proto.bot.v1.RowsResult;
import dev.atrium.proto.bot.v1.SetVariablesRequest;
import dev.atrium.proto.bot.v1.TableRef;
import dev.atrium.proto.bot.v1.UpdateRowsRequest;
import dev.atrium.proto.bot.v1.VariableValues;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Memory for the chat engine and workflows, always on behalf of an end user (the request's user_id, else the
 * caller), so a table's rw_mode always applies. Access follows the runtime rule: members of the bot's
 * workspace, or an app API key bound to the bot. Bulk updates and deletes have no "all" switch here: they
 * need a filter.
 */
@GrpcService
public class MemoryGrpcService implements MemoryService {

    private final MemoryAccess access;
    private final VariableService variables;
    private final TableRowService rows;
    private final MemoryProtoMapper map;

    public MemoryGrpcService(MemoryAccess access, VariableService variables, TableRowService rows, MemoryProtoMapper map) {
        this.access = access;
        this.variables = variables;
        this.rows = rows;
        this.map = map;
    }

    @Override
    @Blocking
    public Uni<VariableValues> getVariables(GetVariablesRequest request) {
        return Uni.createFrom().item(() -> {
            MemoryScope scope = access.runtime(request.getBotId(), request.getUserId(), request.getConnectorId());
            return map.values(variables.list(scope, VariableService.keywords(request.getKeywordsList())));
        });
    }

    @Override
    @Blocking
    public Uni<VariableValues> setVariables(SetVariablesRequest request) {
        return Uni.createFrom().item(() -> {
            MemoryScope scope = access.runtime(request.getBotId(), request.getUserId(), request.getConnectorId());
            List<VariableService.Assignment> data = request.getValuesMap().entrySet().stream()
                    .map(e -> new VariableService.Assignment(e.getKey(), JsonNodeFactory.instance.textNode(e.getValue())))
                    .toList();
            return map.values(variables.set(scope, data));
        });
    }

    @Override
    @Blocking
    public Uni<RowsResult> insertRows(InsertRowsRequest request) {
        return Uni.createFrom().item(() -> {
            MemoryScope scope = scope(request.hasTable(), request.getTable());
            List<TableRowView> inserted = rows.insert(scope, request.getTable().getTable(), map.rows(request.getRowsJsonList()));
            return map.result(inserted, inserted.size(), inserted.size());
        });
    }

    @Override
    @Blocking
    public Uni<RowsResult> queryRows(QueryRowsRequest request) {
        return Uni.createFrom().item(() -> {
            MemoryScope scope = scope(request.hasTable(), request.getTable());
            Page<TableRowView> page = rows.query(scope, request.getTable().getTable(),
                    map.filter(request.hasFilter(), request.getFilter()), map.order(request.getOrderByList()),
                    request.getLimit() == 0 ? null : request.getLimit(), request.getOffset());
            return map.result(page.items(), 0, page.total());
        });
    }

    @Override
    @Blocking
    public Uni<RowsResult> updateRows(UpdateRowsRequest request) {
        return Uni.createFrom().item(() -> {
            MemoryScope scope = scope(request.hasTable(), request.getTable());
            long affected = rows.updateWhere(scope, request.getTable().getTable(),
                    map.filter(request.hasFilter(), request.getFilter()), false, map.object(request.getValuesJson(), "values_json"));
            return map.result(List.of(), affected, affected);
        });
    }

    @Override
    @Blocking
    public Uni<RowsResult> deleteRows(DeleteRowsRequest request) {
        return Uni.createFrom().item(() -> {
            MemoryScope scope = scope(request.hasTable(), request.getTable());
            long affected = rows.deleteWhere(scope, request.getTable().getTable(),
                    map.filter(request.hasFilter(), request.getFilter()), false);
            return map.result(List.of(), affected, affected);
        });
    }

    private MemoryScope scope(boolean present, TableRef table) {
        if (!present) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "table {bot_id, table} is required");
        }
        return access.runtime(table.getBotId(), table.getUserId(), table.getConnectorId());
    }
}

package dev.atrium.bot.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.atrium.bot.MemoryErrors;
import dev.atrium.bot.service.TableRowService.ConditionSpec;
import dev.atrium.bot.service.TableRowService.FilterSpec;
import dev.atrium.bot.service.TableRowService.OrderSpec;
import dev.atrium.core.error.DomainException;
import dev.atrium.proto.bot.v1.Condition;
import dev.atrium.proto.bot.v1.Filter;
import dev.atrium.proto.bot.v1.OrderBy;
import dev.atrium.proto.bot.v1.RowsResult;
import dev.atrium.proto.bot.v1.VariableValue;
import dev.atrium.proto.bot.v1.VariableValues;
import jakarta.enterprise.context.ApplicationScoped;

/** Memory between proto messages and the service's types; JSON strings in the proto are parsed here. */
@ApplicationScoped
public class MemoryProtoMapper {

    private final ObjectMapper mapper;

    public MemoryProtoMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public VariableValues values(List<VariableView> views) {
        VariableValues.Builder b = VariableValues.newBuilder();
        views.forEach(v -> b.addItems(VariableValue.newBuilder().setKeyword(v.keyword()).setValue(v.value())
                .setSystem(v.isSystem()).setCreateTime(v.createTime()).setUpdateTime(v.updateTime())));
        return b.build();
    }

    /** An absent filter or one without conditions matches every row; each condition's value is JSON. */
    public FilterSpec filter(boolean present, Filter filter) {
        if (!present || filter.getConditionsCount() == 0) {
            return new FilterSpec("and", List.of());
        }
        List<ConditionSpec> conditions = new ArrayList<>();
        for (int i = 0; i < filter.getConditionsCount(); i++) {
            Condition c = filter.getConditions(i);
            JsonNode value = c.getValueJson().isBlank() ? null : json(c.getValueJson(), "filter.conditions[" + i + "].value_json");
            conditions.add(new ConditionSpec(c.getField(), c.getOp(), value));
        }
        return new FilterSpec(filter.getLogic(), conditions);
    }

    public List<OrderSpec> order(List<OrderBy> order) {
        return order.stream().map(o -> new OrderSpec(o.getField(), o.getDescending() ? "desc" : "asc")).toList();
    }

    public List<JsonNode> rows(List<String> rowsJson) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < rowsJson.size(); i++) {
            out.add(json(rowsJson.get(i), "rows_json[" + i + "]"));
        }
        return out;
    }

    /** Parsed JSON; an empty string is a missing value, which the service reports with the field named. */
    public JsonNode object(String json, String where) {
        return json.isBlank() ? MissingNode.getInstance() : json(json, where);
    }

    public RowsResult result(List<TableRowView> rows, long affected, long total) {
        RowsResult.Builder b = RowsResult.newBuilder().setAffected(affected).setTotal(total);
        rows.forEach(r -> b.addRowsJson(write(r)));
        return b.build();
    }

    private JsonNode json(String text, String where) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, where + " is not valid JSON");
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

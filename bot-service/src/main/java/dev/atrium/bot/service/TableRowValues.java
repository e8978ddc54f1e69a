package dev.atrium.bot.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.bot.MemoryErrors;
import dev.atrium.bot.MemoryTableField;
import dev.atrium.bot.TableRowCriteria;
import dev.atrium.bot.TableRowCriteria.Column;
import dev.atrium.bot.TableRowCriteria.Condition;
import dev.atrium.bot.TableRowCriteria.Op;
import dev.atrium.bot.TableRowCriteria.Order;
import dev.atrium.bot.TableRowCriteria.Target;
import dev.atrium.bot.service.TableRowService.ConditionSpec;
import dev.atrium.bot.service.TableRowService.FilterSpec;
import dev.atrium.bot.service.TableRowService.OrderSpec;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;

/**
 * Checks row values against a table's fields and turns filters into {@link TableRowCriteria}. Every name a
 * client sends is looked up in the table definition (or the four system columns) and every value is converted
 * to its type here, so what reaches the repository is known to be well-formed.
 */
final class TableRowValues {

    static final int MAX_TEXT = 10_000;
    private static final int MAX_CONDITIONS = 50;
    private static final int MAX_IN_VALUES = 100;
    private static final int MAX_ORDER = 5;

    private static final Map<String, Column> SYSTEM_COLUMNS = Map.of(
            "id", Column.ID, "user_id", Column.USER_ID, "created_at", Column.CREATED_AT, "updated_at", Column.UPDATED_AT);
    private static final Map<String, Column> FIELD_COLUMNS = Map.of(
            MemoryTableField.TEXT, Column.TEXT, MemoryTableField.NUMBER, Column.NUMBER, MemoryTableField.FLOAT, Column.NUMBER,
            MemoryTableField.BOOL, Column.BOOL, MemoryTableField.DATE, Column.DATE);
    private static final Map<String, Op> OPS = Map.ofEntries(
            Map.entry("eq", Op.EQ), Map.entry("ne", Op.NE), Map.entry("gt", Op.GT), Map.entry("gte", Op.GTE),
            Map.entry("lt", Op.LT), Map.entry("lte", Op.LTE), Map.entry("in", Op.IN), Map.entry("not_in", Op.NOT_IN),
            Map.entry("is_null", Op.IS_NULL), Map.entry("is_not_null", Op.IS_NOT_NULL), Map.entry("like", Op.LIKE),
            Map.entry("not_like", Op.NOT_LIKE));

    /** ISO-8601 date, or date-time with or without offset; strict, so 2024-02-30 is refused rather than moved. */
    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);

    private TableRowValues() {
    }

    /** A new row: only known fields, each of its type, every required one present; nulls are left out. */
    static ObjectNode forInsert(Map<String, MemoryTableField> fields, JsonNode row, String where) {
        if (row == null || !row.isObject()) {
            throw invalidRow(where + " must be a JSON object of field → value");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : row.properties()) {
            MemoryTableField field = field(fields, e.getKey(), where);
            if (!e.getValue().isNull()) {
                out.set(field.name(), value(field, e.getValue(), where));
            }
        }
        for (MemoryTableField f : fields.values()) {
            if (f.required() && !out.has(f.name())) {
                throw invalidRow(where + ": field '" + f.name() + "' is required");
            }
        }
        return out;
    }

    /** Changes to rows: only known fields of their type; a null clears an optional field. */
    static ObjectNode forPatch(Map<String, MemoryTableField> fields, JsonNode data, String where) {
        if (data == null || !data.isObject() || data.isEmpty()) {
            throw invalidRow(where + " must be a non-empty JSON object of field → value");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            MemoryTableField field = field(fields, e.getKey(), where);
            if (e.getValue().isNull()) {
                if (field.required()) {
                    throw invalidRow(where + ": field '" + field.name() + "' is required and cannot be cleared");
                }
                out.set(field.name(), NullNode.getInstance());
            } else {
                out.set(field.name(), value(field, e.getValue(), where));
            }
        }
        return out;
    }

    static TableRowCriteria criteria(Map<String, MemoryTableField> fields, FilterSpec filter) {
        if (filter == null || filter.conditions() == null || filter.conditions().isEmpty()) {
            return TableRowCriteria.ALL;
        }
        String logic = filter.logic() == null || filter.logic().isBlank() ? "and" : filter.logic().toLowerCase(Locale.ROOT);
        if (!logic.equals("and") && !logic.equals("or")) {
            throw invalidFilter("filter.logic must be and or or");
        }
        if (filter.conditions().size() > MAX_CONDITIONS) {
            throw invalidFilter("a filter has at most " + MAX_CONDITIONS + " conditions");
        }
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < filter.conditions().size(); i++) {
            out.add(condition(fields, filter.conditions().get(i), "filter.conditions[" + i + "]"));
        }
        return new TableRowCriteria(logic.equals("or"), List.copyOf(out));
    }

    static List<Order> order(Map<String, MemoryTableField> fields, List<OrderSpec> order) {
        if (order == null) {
            return List.of();
        }
        if (order.size() > MAX_ORDER) {
            throw invalidFilter("order_by has at most " + MAX_ORDER + " entries");
        }
        List<Order> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            OrderSpec o = order.get(i);
            String where = "order_by[" + i + "]";
            if (o == null) {
                throw invalidFilter(where + " must be {field, direction}");
            }
            String direction = o.direction() == null || o.direction().isBlank() ? "asc" : o.direction().toLowerCase(Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw invalidFilter(where + ".direction must be asc or desc");
            }
            out.add(new Order(target(fields, o.field(), where), direction.equals("desc")));
        }
        return List.copyOf(out);
    }

    /** Unix seconds within the years PostgreSQL compares (1-9999); empty otherwise. */
    private static Optional<Instant> epochSeconds(long seconds) {
        if (seconds < MIN_EPOCH_SECOND || seconds > MAX_EPOCH_SECOND) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    private static final long MIN_EPOCH_SECOND = -62_135_596_800L;
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    /** The normalised form of a date value: an ISO-8601 instant in UTC; a plain date means midnight UTC. */
    static Optional<Instant> parseDate(String text) {
        TemporalAccessor parsed;
        try {
            parsed = DATE.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Instant instant = switch (parsed) {
            case OffsetDateTime odt -> odt.toInstant();
            case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
            case LocalDate ld -> ld.atStartOfDay(ZoneOffset.UTC).toInstant();
            default -> throw new IllegalStateException("unexpected date form " + parsed);
        };
        // PostgreSQL's timestamptz reads years 1-9999 in ISO form; anything outside cannot be compared
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1 && year <= 9999 ? Optional.of(instant) : Optional.empty();
    }

    private static Condition condition(Map<String, MemoryTableField> fields, ConditionSpec c, String where) {
        if (c == null) {
            throw invalidFilter(where + " must be {field, op, value}");
        }
        Target target = target(fields, c.field(), where);
        Op op = c.op() == null ? null : OPS.get(c.op().toLowerCase(Locale.ROOT));
        if (op == null) {
            throw invalidFilter(where + ".op must be one of " + String.join(", ", OPS.keySet().stream().sorted().toList()));
        }
        Column column = target.column();
        boolean text = column == Column.TEXT || column == Column.USER_ID;
        if ((op == Op.LIKE || op == Op.NOT_LIKE) && !text) {
            throw invalidFilter(where + ": " + c.op() + " works on text fields only");
        }
        if (column == Column.BOOL && (op == Op.GT || op == Op.GTE || op == Op.LT || op == Op.LTE)) {
            throw invalidFilter(where + ": bool fields compare with eq, ne, in, not_in, is_null, is_not_null");
        }
        JsonNode value = c.value();
        return switch (op) {
            case IS_NULL, IS_NOT_NULL -> new Condition(target, op, List.of());
            case IN, NOT_IN -> {
                if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_IN_VALUES) {
                    throw invalidFilter(where + ": " + c.op() + " needs an array of 1-" + MAX_IN_VALUES + " values");
                }
                List<String> values = new ArrayList<>();
                for (JsonNode v : value) {
                    values.add(filterValue(column, v, where));
                }
                yield new Condition(target, op, List.copyOf(values));
            }
            default -> new Condition(target, op, List.of(filterValue(column, value, where)));
        };
    }

    /** A field of the table or a system column; anything else is refused before it gets near SQL. */
    private static Target target(Map<String, MemoryTableField> fields, String name, String where) {
        if (name == null || name.isEmpty()) {
            throw invalidFilter(where + ".field is required");
        }
        Column system = SYSTEM_COLUMNS.get(name);
        if (system != null) {
            return new Target(system, null);
        }
        MemoryTableField field = fields.get(name);
        if (field == null) {
            throw invalidFilter(where + ": the table has no field " + shown(name));
        }
        return new Target(FIELD_COLUMNS.get(field.type()), field.name());
    }

    /** A filter value as the canonical text of the column's type, bound later as a parameter. */
    private static String filterValue(Column column, JsonNode v, String where) {
        if (v == null || v.isNull()) {
            throw invalidFilter(where + ": a value is required (use is_null to find empty fields)");
        }
        return switch (column) {
            case TEXT -> {
                if (!v.isTextual() || v.asText().length() > MAX_TEXT) {
                    throw invalidFilter(where + ": text fields compare with strings of up to " + MAX_TEXT + " characters");
                }
                yield v.asText();
            }
            case USER_ID -> {
                if (!(v.isTextual() || v.isIntegralNumber()) || v.asText().length() > MAX_TEXT) {
                    throw invalidFilter(where + ": user_id compares with strings");
                }
                yield v.asText();
            }
            case NUMBER -> {
                if (!finiteNumber(v)) {
                    throw invalidFilter(where + ": number fields compare with numbers");
                }
                yield v.decimalValue().toPlainString();
            }
            case BOOL -> {
                if (!v.isBoolean()) {
                    throw invalidFilter(where + ": bool fields compare with true or false");
                }
                yield Boolean.toString(v.booleanValue());
            }
            case DATE, CREATED_AT, UPDATED_AT -> {
                Optional<Instant> at = v.isIntegralNumber() && v.canConvertToLong() && column != Column.DATE
                        ? epochSeconds(v.longValue())
                        : v.isTextual() ? parseDate(v.asText()) : Optional.empty();
                yield at.orElseThrow(() -> invalidFilter(where + ": dates compare with ISO-8601 strings"
                        + (column == Column.DATE ? "" : " or Unix seconds"))).toString();
            }
            case ID -> {
                Optional<Long> id = v.isTextual() || v.isIntegralNumber() ? Ids.parse(v.asText()) : Optional.empty();
                yield Long.toString(id.orElseThrow(() -> invalidFilter(where + ": id compares with row ids")));
            }
        };
    }

    private static MemoryTableField field(Map<String, MemoryTableField> fields, String name, String where) {
        MemoryTableField field = fields.get(name);
        if (field == null) {
            throw invalidRow(where + ": the table has no field " + shown(name));
        }
        return field;
    }

    private static JsonNode value(MemoryTableField field, JsonNode v, String where) {
        String path = where + "." + field.name();
        return switch (field.type()) {
            case MemoryTableField.TEXT -> {
                if (!v.isTextual()) {
                    throw invalidRow(path + ": expected a string");
                }
                if (v.asText().length() > MAX_TEXT) {
                    throw invalidRow(path + ": text is longer than " + MAX_TEXT + " characters");
                }
                yield v;
            }
            case MemoryTableField.NUMBER -> {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw invalidRow(path + ": expected an integer");
                }
                yield JsonNodeFactory.instance.numberNode(v.longValue());
            }
            case MemoryTableField.FLOAT -> {
                if (!finiteNumber(v)) {
                    throw invalidRow(path + ": expected a number");
                }
                yield v;
            }
            case MemoryTableField.BOOL -> {
                if (!v.isBoolean()) {
                    throw invalidRow(path + ": expected true or false");
                }
                yield v;
            }
            case MemoryTableField.DATE -> {
                Optional<Instant> date = v.isTextual() ? parseDate(v.asText()) : Optional.empty();
                yield JsonNodeFactory.instance.textNode(date.orElseThrow(() -> invalidRow(path
                        + ": expected an ISO-8601 date (2024-05-01) or date-time (2024-05-01T08:30:00Z)")).toString());
            }
            default -> throw new IllegalStateException("unknown field type " + field.type());
        };
    }

    private static boolean finiteNumber(JsonNode v) {
        // a literal such as 1e999 parses to an infinite double, which neither JSON nor numeric can hold
        return v.isNumber() && !((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue()));
    }

    private static String shown(String name) {
        return "'" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'";
    }

    private static DomainException invalidRow(String message) {
        return new DomainException(MemoryErrors.INVALID_ROW, message);
    }

    private static DomainException invalidFilter(String message) {
        return new DomainException(MemoryErrors.INVALID_FILTER, message);
    }
}

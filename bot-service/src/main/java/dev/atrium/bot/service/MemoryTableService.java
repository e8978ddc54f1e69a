package dev.atrium.bot.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.bot.Bot;
import dev.atrium.bot.BotErrors;
import dev.atrium.bot.MemoryErrors;
import dev.atrium.bot.MemoryTable;
import dev.atrium.bot.MemoryTableField;
import dev.atrium.bot.mapping.MemoryTableView;
import dev.atrium.bot.repository.BotRepository;
import dev.atrium.bot.repository.MemoryTableRepository;
import dev.atrium.bot.repository.TableRowRepository;
import dev.atrium.core.api.Page;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.event.Outbox;
import dev.atrium.core.event.Topics;
import dev.atrium.core.id.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Definitions of a bot's memory tables. A definition change never touches the database schema: rows are
 * JSON, so adding a field is free, removing one drops its values from the rows, and changing a field's
 * type is allowed only while no row could hold a value of the old type.
 */
@ApplicationScoped
public class MemoryTableService {

    public static final int MAX_TABLES = 20;
    public static final int MAX_FIELDS = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** The system columns every row has; a field of the same name would make filters ambiguous. */
    private static final Set<String> RESERVED = Set.of("id", "user_id", "created_at", "updated_at");
    private static final Set<String> RW_MODES = Set.of(MemoryTable.SINGLE_USER, MemoryTable.READ_ONLY, MemoryTable.MULTI_USER);
    private static final List<String> TYPES = List.of(MemoryTableField.TEXT, MemoryTableField.NUMBER, MemoryTableField.DATE,
            MemoryTableField.FLOAT, MemoryTableField.BOOL);

    private record Definition(String name, String description, String rwMode, List<MemoryTableField> fields) {
    }

    private final MemoryTableRepository tables;
    private final TableRowRepository rows;
    private final BotRepository bots;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public MemoryTableService(MemoryTableRepository tables, TableRowRepository rows, BotRepository bots, Outbox outbox,
                              ObjectMapper mapper) {
        this.tables = tables;
        this.rows = rows;
        this.bots = bots;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Transactional
    public MemoryTableView create(MemoryScope scope, JsonNode body) {
        Bot bot = lockBot(scope);
        Definition d = definition(body, null);
        if (tables.countFor(bot.id) >= MAX_TABLES) {
            throw new DomainException(MemoryErrors.TOO_MANY_TABLES);
        }
        requireFreeName(bot.id, d.name(), 0);
        Instant now = Instant.now();
        MemoryTable t = new MemoryTable();
        t.id = Ids.next();
        t.botId = bot.id;
        t.workspaceId = bot.workspaceId;
        // definitions are changed through the management API only, where the scope's user is the caller
        t.createdBy = Long.parseLong(scope.userId());
        t.createdAt = now;
        apply(t, d, now);
        tables.persist(t);
        publish("memory.table_created", t);
        return view(t, 0);
    }

    public Page<MemoryTableView> list(MemoryScope scope) {
        List<MemoryTable> all = tables.listFor(scope.bot().id);
        Map<Long, Long> counts = rows.countsOf(all.stream().map(t -> t.id).toList());
        List<MemoryTableView> items = all.stream().map(t -> view(t, counts.getOrDefault(t.id, 0L))).toList();
        return new Page<>(items, items.size(), false);
    }

    public MemoryTableView get(MemoryScope scope, String ref) {
        MemoryTable t = find(scope.bot(), ref, false);
        return view(t, rows.countIn(t.id));
    }

    /** Replaces what the body names; {@code fields}, when given, is the complete new field list. */
    @Transactional
    public MemoryTableView update(MemoryScope scope, String ref, JsonNode body) {
        Bot bot = lockBot(scope);
        MemoryTable t = find(bot, ref, true);
        Definition old = definitionOf(t);
        Definition d = definition(body, old);
        if (!d.name().equalsIgnoreCase(old.name())) {
            requireFreeName(bot.id, d.name(), t.id);
        }
        Map<String, MemoryTableField> before = byName(old.fields());
        Map<String, MemoryTableField> after = byName(d.fields());
        List<String> retyped = after.values().stream()
                .filter(f -> before.containsKey(f.name()) && !before.get(f.name()).type().equals(f.type()))
                .map(MemoryTableField::name).toList();
        long count = rows.countIn(t.id);
        if (!retyped.isEmpty() && count > 0) {
            throw new DomainException(MemoryErrors.FIELD_TYPE_LOCKED, "field " + retyped.get(0)
                    + ": the type cannot change while the table has rows; delete the rows or add a new field");
        }
        before.keySet().stream().filter(name -> !after.containsKey(name)).forEach(name -> rows.dropField(t.id, name));
        apply(t, d, Instant.now());
        publish("memory.table_updated", t);
        return view(t, count);
    }

    /** Deletes the table and, through the foreign key, its rows. */
    @Transactional
    public void delete(MemoryScope scope, String ref) {
        MemoryTable t = find(scope.bot(), ref, true);
        tables.delete(t);
        publish("memory.table_deleted", t);
    }

    /** A table of the bot by id or by name (names start with a letter, so they never look like ids). */
    public MemoryTable find(Bot bot, String ref, boolean lock) {
        if (ref == null || ref.isBlank()) {
            throw new DomainException(MemoryErrors.TABLE_NOT_FOUND, "a table id or name is required");
        }
        return Ids.parse(ref).flatMap(id -> tables.byId(bot.id, id, lock))
                .or(() -> NAME.matcher(ref).matches() ? tables.byName(bot.id, ref, lock) : Optional.empty())
                .orElseThrow(() -> new DomainException(MemoryErrors.TABLE_NOT_FOUND));
    }

    /** The table's fields by name, in definition order. */
    public Map<String, MemoryTableField> fields(MemoryTable t) {
        return byName(fieldsOf(t));
    }

    private Bot lockBot(MemoryScope scope) {
        // serialises definition changes of one bot, so the table limit and name checks cannot race
        return bots.findLiveForUpdate(scope.bot().id).orElseThrow(() -> new DomainException(BotErrors.BOT_NOT_FOUND));
    }

    private void requireFreeName(long botId, String name, long exceptId) {
        tables.byName(botId, name, false).filter(other -> other.id != exceptId).ifPresent(other -> {
            throw new DomainException(MemoryErrors.TABLE_NAME_TAKEN, "the bot already has a table named " + other.name);
        });
    }

    private void apply(MemoryTable t, Definition d, Instant now) {
        t.name = d.name();
        t.description = d.description();
        t.rwMode = d.rwMode();
        t.fields = json(d.fields());
        t.updatedAt = now;
    }

    private Definition definition(JsonNode body, Definition base) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        String name = body.has("name") || base == null ? name(body.get("name"), "name") : base.name();
        String description = body.has("description") || base == null ? text(body.get("description"), "description", 1000)
                : base.description();
        String rwMode = base == null ? MemoryTable.SINGLE_USER : base.rwMode();
        JsonNode mode = body.get("rw_mode");
        if (mode != null && !mode.isNull()) {
            if (!mode.isTextual() || !RW_MODES.contains(mode.asText())) {
                throw invalid("rw_mode must be single_user, read_only or multi_user");
            }
            rwMode = mode.asText();
        }
        List<MemoryTableField> fields = body.has("fields") || base == null ? fields(body.get("fields")) : base.fields();
        return new Definition(name, description, rwMode, fields);
    }

    private List<MemoryTableField> fields(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_FIELDS) {
            throw invalid("fields must be a list of 1-" + MAX_FIELDS + " fields");
        }
        List<MemoryTableField> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode f = node.get(i);
            String where = "fields[" + i + "]";
            if (!f.isObject()) {
                throw invalid(where + " must be {name, type, required, description}");
            }
            String name = name(f.get("name"), where + ".name");
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw invalid(where + ".name: " + name + " is a system column (id, user_id, created_at, updated_at)");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw invalid(where + ".name: the field " + name + " is defined twice");
            }
            JsonNode type = f.get("type");
            if (type == null || !type.isTextual() || !TYPES.contains(type.asText())) {
                throw invalid(where + ".type must be one of " + String.join(", ", TYPES));
            }
            JsonNode required = f.get("required");
            if (required != null && !required.isNull() && !required.isBoolean()) {
                throw invalid(where + ".required must be true or false");
            }
            out.add(new MemoryTableField(name, type.asText(), required != null && required.asBoolean(),
                    text(f.get("description"), where + ".description", 500)));
        }
        return List.copyOf(out);
    }

    private static String name(JsonNode node, String where) {
        if (node == null || !node.isTextual() || !NAME.matcher(node.asText()).matches()) {
            throw invalid(where + " must be 1-64 letters, digits or _ and start with a letter");
        }
        return node.asText();
    }

    private static String text(JsonNode node, String where, int max) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual() || node.asText().length() > max) {
            throw invalid(where + " must be a string of at most " + max + " characters");
        }
        return node.asText().strip();
    }

    private Definition definitionOf(MemoryTable t) {
        return new Definition(t.name, t.description, t.rwMode, fieldsOf(t));
    }

    private List<MemoryTableField> fieldsOf(MemoryTable t) {
        try {
            return mapper.readValue(t.fields, new TypeReference<List<MemoryTableField>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt fields of memory table " + t.id, e);
        }
    }

    private static Map<String, MemoryTableField> byName(List<MemoryTableField> fields) {
        Map<String, MemoryTableField> out = new LinkedHashMap<>();
        fields.forEach(f -> out.put(f.name(), f));
        return out;
    }

    private MemoryTableView view(MemoryTable t, long rowCount) {
        return new MemoryTableView(Long.toString(t.id), Long.toString(t.botId), t.name, t.description, t.rwMode, fieldsOf(t),
                rowCount, t.createdAt.getEpochSecond(), t.updatedAt.getEpochSecond());
    }

    private void publish(String type, MemoryTable t) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bot_id", Long.toString(t.botId));
        data.put("workspace_id", Long.toString(t.workspaceId));
        data.put("table_id", Long.toString(t.id));
        data.put("name", t.name);
        // keyed by bot so that one bot's table events stay in order on the topic
        outbox.publish(Topics.BOT, type, Long.toString(t.botId), data);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainException invalid(String message) {
        return new DomainException(MemoryErrors.INVALID_TABLE, message);
    }
}

package dev.atrium.bot.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.bot.Bot;
import dev.atrium.bot.BotDefinition;
import dev.atrium.bot.BotDefinition.VariableDef;
import dev.atrium.bot.MemoryErrors;
import dev.atrium.bot.VariableEntry;
import dev.atrium.bot.mapping.VariableView;
import dev.atrium.bot.repository.BotVersionRepository;
import dev.atrium.bot.repository.VariableEntryRepository;
import dev.atrium.core.error.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Values of a bot's variables per end user. The keywords a bot accepts are those of its draft and of its
 * latest published version together, so values survive a draft edit that is not published yet and a new
 * draft variable can be tried before publishing. Where both define a keyword, management reads the draft's
 * definition and runtime calls the published one's.
 */
@ApplicationScoped
public class VariableService {

    public static final String SYSTEM_PREFIX = "sys_";
    public static final List<String> SYSTEM = List.of("sys_uuid", "sys_bot_id", "sys_connector_id", "sys_current_time");
    public static final int MAX_VALUE_LENGTH = 10_000;
    private static final int MAX_ASSIGNMENTS = 100;

    /** One {@code {keyword, value}} of a write; a null value removes the stored one (back to the default). */
    public record Assignment(String keyword, JsonNode value) {
    }

    private final VariableEntryRepository entries;
    private final BotVersionRepository versions;
    private final BotService bots;
    private final ObjectMapper mapper;

    public VariableService(VariableEntryRepository entries, BotVersionRepository versions, BotService bots, ObjectMapper mapper) {
        this.entries = entries;
        this.versions = versions;
        this.bots = bots;
        this.mapper = mapper;
    }

    /** Stored values of one end user of a bot, keyword → value (no defaults, no system variables). */
    public Map<String, String> of(long botId, String connectorId, String userId) {
        return entries.forUser(botId, connectorId, userId).stream()
                .collect(Collectors.toMap(e -> e.key.keyword(), e -> e.value));
    }

    /** The end user's variables (only {@code keywords} when given; unknown ones are skipped), then the system ones. */
    public List<VariableView> list(MemoryScope scope, Collection<String> keywords) {
        Map<String, VariableDef> definitions = definitions(scope);
        Map<String, VariableEntry> stored = entries.forUser(scope.bot().id, scope.connectorId(), scope.userId()).stream()
                .collect(Collectors.toMap(e -> e.key.keyword(), Function.identity()));
        List<VariableView> out = new ArrayList<>();
        for (VariableDef d : definitions.values()) {
            if (!keywords.isEmpty() && !keywords.contains(d.keyword())) {
                continue;
            }
            String defaultValue = nullToEmpty(d.defaultValue());
            String type = d.type() == null ? "text" : d.type();
            VariableEntry e = stored.get(d.keyword());
            out.add(e == null ? new VariableView(d.keyword(), defaultValue, defaultValue, type, false, 0, 0)
                    : new VariableView(d.keyword(), e.value, defaultValue, type, false, e.createdAt.getEpochSecond(),
                    e.updatedAt.getEpochSecond()));
        }
        Map<String, String> system = systemValues(scope.bot().id, scope.connectorId(), scope.userId());
        for (String keyword : SYSTEM) {
            if (keywords.isEmpty() || keywords.contains(keyword)) {
                out.add(new VariableView(keyword, system.get(keyword), "", "text", true, 0, 0));
            }
        }
        return out;
    }

    /** Checks every assignment first and then writes them all, so a bad one changes nothing. */
    @Transactional
    public List<VariableView> set(MemoryScope scope, List<Assignment> data) {
        if (data == null) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "data is required: [{keyword, value}]");
        }
        if (data.size() > MAX_ASSIGNMENTS) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "data holds at most " + MAX_ASSIGNMENTS + " values");
        }
        Map<String, VariableDef> definitions = definitions(scope);
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        for (Assignment a : data) {
            String keyword = a == null ? null : a.keyword();
            if (keyword == null || keyword.isBlank()) {
                throw new DomainException(MemoryErrors.INVALID_REQUEST, "each entry of data needs a keyword");
            }
            if (values.containsKey(keyword)) {
                throw new DomainException(MemoryErrors.INVALID_REQUEST, "variable " + shown(keyword) + " is given twice");
            }
            values.put(keyword, checked(definitions, keyword, a.value()));
        }
        Instant now = Instant.now();
        values.forEach((keyword, value) -> value.ifPresentOrElse(
                v -> entries.upsert(scope.bot().id, scope.connectorId(), scope.userId(), keyword, v, now),
                () -> entries.remove(scope.bot().id, scope.connectorId(), scope.userId(), keyword)));
        return list(scope, Set.of());
    }

    /** Forgets every stored value of the end user, who then sees the defaults again. */
    @Transactional
    public List<VariableView> reset(MemoryScope scope) {
        entries.removeAll(scope.bot().id, scope.connectorId(), scope.userId());
        return list(scope, Set.of());
    }

    /** {@code keywords=a,b} and repeated {@code keywords=a&keywords=b} (Coze SDKs send either) as one set. */
    public static Set<String> keywords(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        if (raw != null) {
            raw.forEach(r -> {
                for (String k : r.split(",")) {
                    if (!k.isBlank()) {
                        out.add(k.strip());
                    }
                }
            });
        }
        return out;
    }

    /** The value to store, or empty to go back to the default. */
    private Optional<String> checked(Map<String, VariableDef> definitions, String keyword, JsonNode value) {
        if (keyword.startsWith(SYSTEM_PREFIX)) {
            throw new DomainException(MemoryErrors.READ_ONLY_VARIABLE, "variable " + shown(keyword)
                    + " is a system variable and cannot be set");
        }
        VariableDef def = definitions.get(keyword);
        if (def == null) {
            throw new DomainException(MemoryErrors.UNKNOWN_VARIABLE, "variable " + shown(keyword) + " is not defined for this bot");
        }
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new DomainException(MemoryErrors.INVALID_VARIABLE_VALUE, "variable " + keyword + ": the value must be a string");
        }
        String text = value.asText();
        if (text.length() > MAX_VALUE_LENGTH) {
            throw new DomainException(MemoryErrors.INVALID_VARIABLE_VALUE, "variable " + keyword + ": the value is longer than "
                    + MAX_VALUE_LENGTH + " characters");
        }
        if ("enum".equals(def.type()) && !orEmpty(def.options()).contains(text)) {
            throw new DomainException(MemoryErrors.INVALID_VARIABLE_VALUE, "variable " + keyword + ": the value must be one of "
                    + def.options());
        }
        return Optional.of(text);
    }

    /** Definitions by keyword, in definition order: the preferred source's first, then what only the other defines. */
    private Map<String, VariableDef> definitions(MemoryScope scope) {
        Bot bot = scope.bot();
        // an app API key works with what is published only; members also see the draft's definitions
        List<VariableDef> draft = scope.runtime() && scope.appKey() ? List.of() : orEmpty(bots.draftOf(bot).variables());
        List<VariableDef> published = !bot.isPublished() ? List.of()
                : versions.find(bot.id, bot.latestVersion).map(v -> orEmpty(read(v.definition).variables())).orElse(List.of());
        Map<String, VariableDef> out = new LinkedHashMap<>();
        (scope.runtime() ? published : draft).forEach(d -> out.put(d.keyword(), d));
        (scope.runtime() ? draft : published).forEach(d -> out.putIfAbsent(d.keyword(), d));
        return out;
    }

    /** The read-only system variables of an end user of a bot, in {@link #SYSTEM} order: the one place they are computed. */
    public static Map<String, String> systemValues(long botId, String connectorId, String userId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("sys_uuid", userId);
        values.put("sys_bot_id", Long.toString(botId));
        values.put("sys_connector_id", connectorId);
        values.put("sys_current_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return values;
    }


    private BotDefinition read(String json) {
        try {
            return mapper.readValue(json, BotDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt bot version definition", e);
        }
    }

    /** A keyword as echoed in a message: quoted, and cut short so a huge one does not flood the reply. */
    private static String shown(String keyword) {
        return "'" + (keyword.length() > 64 ? keyword.substring(0, 64) + "…" : keyword) + "'";
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

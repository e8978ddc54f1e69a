package dev.atrium.bot.service;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.bot.Bot;
import dev.atrium.bot.BotDefinition;
import dev.atrium.bot.BotErrors;
import dev.atrium.bot.BotVersion;
import dev.atrium.bot.mapping.AppConfigView;
import dev.atrium.bot.mapping.BotStatus;
import dev.atrium.bot.mapping.BotView;
import dev.atrium.bot.mapping.VersionView;
import dev.atrium.bot.repository.BotRepository;
import dev.atrium.bot.repository.BotVersionRepository;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.event.Outbox;
import dev.atrium.core.event.Topics;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Bots of a workspace: draft editing, publishing numbered versions, run state, app config. */
@ApplicationScoped
public class BotService {

    /** Keys of platform_config whose values are credentials: stored sealed like everything there, shown masked. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(key|secret|token|passw|passphrase|credential|auth|sign|aes|cert|cookie|session|hook|url).*");

    /** A bot and the definition a caller asked for (draft or a version). */
    public record Loaded(Bot bot, BotDefinition definition, int version) {
    }

    private final BotRepository bots;
    private final BotVersionRepository versions;
    private final BotValidator validator;
    private final ProviderService providers;
    private final WorkspaceAccess access;
    private final SecretBox box;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public BotService(BotRepository bots, BotVersionRepository versions, BotValidator validator, ProviderService providers,
                      WorkspaceAccess access, SecretBox box, Outbox outbox, ObjectMapper mapper) {
        this.bots = bots;
        this.versions = versions;
        this.validator = validator;
        this.providers = providers;
        this.access = access;
        this.box = box;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Transactional
    public BotView create(JsonNode body) {
        Caller caller = access.manager();
        long workspaceId = access.targetWorkspace(firstText(body, "workspace_id", "space_id"));
        ObjectNode canonical = validator.canonical(body);
        inlineProvider(workspaceId, caller, canonical);
        BotDefinition definition = validator.validate(canonical);
        requireProviders(workspaceId, definition);
        Instant now = Instant.now();
        Bot bot = new Bot();
        bot.id = Ids.next();
        bot.workspaceId = workspaceId;
        bot.ownerId = caller.userId();
        bot.createdAt = now;
        bot.updatedAt = now;
        bot.platformConfig = sealPlatformConfig(bot.id, body.get("platform_config"), Map.of());
        copyColumns(bot, definition);
        bots.persist(bot);
        outbox.publish(Topics.BOT, "bot.created", Long.toString(bot.id), event(bot, Map.of("owner_id", Long.toString(bot.ownerId))));
        return view(bot, definition);
    }

    public BotView get(String botId) {
        access.manager();
        Bot bot = readable(botId);
        return view(bot, draftOf(bot));
    }

    public Page<BotView> list(String workspaceId, String search, String platformType, Boolean running, String publishStatus,
                              PageQuery page) {
        access.manager();
        long ws = access.targetWorkspace(workspaceId);
        Boolean published = switch (publishStatus == null ? "" : publishStatus) {
            case "" , "all" -> null;
            case "published" -> true;
            case "unpublished", "draft" -> false;
            default -> throw new DomainException(BotErrors.INVALID_BOT, "publish_status must be all, published or unpublished");
        };
        var query = bots.search(new BotRepository.Filter(ws, search, platformType, running, published));
        long total = query.count();
        List<Bot> items = query.range(page.offset(), page.offset() + page.limit() - 1).list();
        return Page.of(items.stream().map(b -> view(b, draftOf(b))).toList(), total, page);
    }

    /**
     * The latest published version of each published bot of a workspace, most recently published first: what
     * the workspace offers to API callers (the Coze facade's published lists).
     */
    public Page<Loaded> publishedVersions(String workspaceId, PageQuery page) {
        access.manager();
        long ws = access.targetWorkspace(workspaceId);
        List<Bot> published = bots.publishedIn(ws, page.offset(), page.limit());
        var latest = versions.latestOf(published.stream().map(b -> b.id).toList());
        List<Loaded> items = published.stream().map(b -> new Loaded(b, read(latest.get(b.id).definition), b.latestVersion)).toList();
        return Page.of(items, bots.countPublishedIn(ws), page);
    }

    /** Published bots whose draft changed since their last publish, newest change first. */
    public Page<BotView> listWithUnpublishedChanges(String workspaceId, PageQuery page) {
        access.manager();
        long ws = access.targetWorkspace(workspaceId);
        var query = bots.search(new BotRepository.Filter(ws, null, null, null, true, true));
        long total = query.count();
        List<BotView> items = query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
                .map(b -> view(b, draftOf(b))).toList();
        return Page.of(items, total, page);
    }

    @Transactional
    public BotView update(String botId, JsonNode body) {
        Caller caller = access.manager();
        Bot bot = lockedEditable(botId);
        ObjectNode canonical = validator.canonical(body);
        inlineProvider(bot.workspaceId, caller, canonical);
        ObjectNode merged = validator.merge((ObjectNode) tree(bot.draft), canonical);
        BotDefinition definition = validator.validate(merged);
        requireProviders(bot.workspaceId, definition);
        if (body.has("platform_config")) {
            bot.platformConfig = sealPlatformConfig(bot.id, body.get("platform_config"), platformConfig(bot));
        }
        copyColumns(bot, definition);
        bot.updatedAt = Instant.now();
        outbox.publish(Topics.BOT, "bot.updated", Long.toString(bot.id), event(bot, Map.of()));
        return view(bot, definition);
    }

    @Transactional
    public void delete(String botId) {
        access.manager();
        Bot bot = lockedEditable(botId);
        bot.deletedAt = Instant.now();
        bot.running = false;
        bot.updatedAt = bot.deletedAt;
        outbox.publish(Topics.BOT, "bot.deleted", Long.toString(bot.id), event(bot, Map.of()));
    }

    /**
     * Freezes the draft as the next version, or (with {@code fromVersion}) republishes an earlier version as
     * the next one and makes it the draft again: a rollback that keeps the history linear.
     */
    @Transactional
    public VersionView publish(String botId, String changelog, Integer fromVersion) {
        Caller caller = access.manager();
        Bot bot = lockedEditable(botId);
        if (changelog != null && changelog.length() > 2000) {
            throw new DomainException(BotErrors.INVALID_BOT, "changelog has at most 2000 characters");
        }
        BotDefinition definition;
        if (fromVersion != null) {
            BotVersion source = versions.find(bot.id, fromVersion).orElseThrow(() -> new DomainException(BotErrors.VERSION_NOT_FOUND));
            definition = read(source.definition);
        } else {
            definition = validator.validate((ObjectNode) tree(bot.draft));
        }
        requireProviders(bot.workspaceId, definition);
        providers.resolve(bot.workspaceId, definition.model().providerId(), definition.model().model());
        Instant now = Instant.now();
        BotVersion version = new BotVersion();
        version.key = new BotVersion.Key(bot.id, bot.latestVersion + 1);
        version.definition = json(definition);
        version.changelog = changelog != null ? changelog.strip() : fromVersion != null ? "rollback to version " + fromVersion : "";
        version.publishedBy = caller.userId();
        version.createdAt = now;
        versions.persist(version);
        bot.latestVersion = version.key.version();
        bot.publishedAt = now;
        if (fromVersion != null) {
            copyColumns(bot, definition);
        }
        bot.updatedAt = now;
        outbox.publish(Topics.BOT, "bot.published", Long.toString(bot.id),
                event(bot, Map.of("version", version.key.version(), "rollback_of", fromVersion == null ? 0 : fromVersion)));
        return versionView(version, bot.latestVersion, false);
    }

    public Page<VersionView> versions(String botId, PageQuery page) {
        access.manager();
        Bot bot = readable(botId);
        List<VersionView> items = versions.listFor(bot.id, page.offset(), page.limit()).stream()
                .map(v -> versionView(v, bot.latestVersion, false)).toList();
        return Page.of(items, versions.countFor(bot.id), page);
    }

    public VersionView version(String botId, int number) {
        access.manager();
        Bot bot = readable(botId);
        BotVersion v = versions.find(bot.id, number).orElseThrow(() -> new DomainException(BotErrors.VERSION_NOT_FOUND));
        return versionView(v, bot.latestVersion, true);
    }

    @Transactional
    public BotStatus start(String botId) {
        access.manager();
        Bot bot = lockedEditable(botId);
        if (!bot.isPublished()) {
            throw new DomainException(BotErrors.START_UNPUBLISHED);
        }
        if (!bot.running) {
            bot.running = true;
            bot.startedAt = Instant.now();
            outbox.publish(Topics.BOT, "bot.started", Long.toString(bot.id), event(bot, Map.of()));
        }
        return status(bot);
    }

    @Transactional
    public BotStatus stop(String botId) {
        access.manager();
        Bot bot = lockedEditable(botId);
        if (bot.running) {
            bot.running = false;
            outbox.publish(Topics.BOT, "bot.stopped", Long.toString(bot.id), event(bot, Map.of()));
        }
        return status(bot);
    }

    public BotStatus status(String botId) {
        access.manager();
        return status(readable(botId));
    }

    /** The chat UI's preview: the published version, or the draft when asked for or nothing is published. */
    public AppConfigView appConfig(String botId, boolean draft) {
        Bot bot = owned(botId);
        boolean appKey = Caller.API_KEY.equals(access.caller().credentialType());
        if (appKey && draft) {
            throw new DomainException(BotErrors.DRAFT_FORBIDDEN);
        }
        // an app key sees only what is published; members preview the draft of an unpublished bot
        Loaded loaded = draft || (!bot.isPublished() && !appKey) ? loadDraft(bot) : loadVersion(bot, 0);
        BotDefinition d = loaded.definition();
        return new AppConfigView(Long.toString(bot.id), d.name(), d.description(), d.iconUrl(), loaded.version(),
                loaded.version() == 0, d.openingStatement(), d.suggestedQuestions(), d.variables(), d.shortcutCommands());
    }

    /**
     * What a runtime caller (chat engine, workflow) may load: the latest or a given published version for anyone
     * with access to the bot, the draft only for members of its workspace (not app API keys).
     */
    public Loaded runtime(String botId, int version, boolean draft) {
        Bot bot = owned(botId);
        if (draft) {
            if (Caller.API_KEY.equals(access.caller().credentialType())) {
                throw new DomainException(BotErrors.DRAFT_FORBIDDEN);
            }
            return loadDraft(bot);
        }
        return loadVersion(bot, version);
    }

    /**
     * The latest published version as a client may read it: app API keys, which can end up in browser widgets,
     * get it without the system prompt; workspace members get all of it.
     */
    public Loaded publishedForClient(String botId) {
        Loaded loaded = runtime(botId, 0, false);
        if (Caller.API_KEY.equals(access.caller().credentialType())) {
            return new Loaded(loaded.bot(), loaded.definition().withoutSystemPrompt(), loaded.version());
        }
        return loaded;
    }

    /** A bot a runtime caller may use (a member of its workspace, or an app key bound to it); 404 otherwise. */
    public Bot owned(String botId) {
        access.caller();
        Bot bot = bots.findLive(parse(botId)).orElseThrow(() -> new DomainException(BotErrors.BOT_NOT_FOUND));
        access.requireRuntimeAccess(bot);
        return bot;
    }

    /** A bot of one of the caller's workspaces (for memory and other per-bot resources); 404 otherwise. */
    public Bot readable(String botId) {
        Bot bot = bots.findLive(parse(botId)).orElseThrow(() -> new DomainException(BotErrors.BOT_NOT_FOUND));
        access.requireMember(bot.workspaceId, BotErrors.BOT_NOT_FOUND);
        return bot;
    }

    public BotDefinition draftOf(Bot bot) {
        return read(bot.draft);
    }

    private Loaded loadDraft(Bot bot) {
        return new Loaded(bot, draftOf(bot), 0);
    }

    private Loaded loadVersion(Bot bot, int version) {
        if (!bot.isPublished()) {
            throw new DomainException(BotErrors.NOT_PUBLISHED);
        }
        int number = version <= 0 ? bot.latestVersion : version;
        BotVersion v = versions.find(bot.id, number).orElseThrow(() -> new DomainException(BotErrors.VERSION_NOT_FOUND));
        return new Loaded(bot, read(v.definition), number);
    }

    private Bot lockedEditable(String botId) {
        Bot bot = bots.findLiveForUpdate(parse(botId)).orElseThrow(() -> new DomainException(BotErrors.BOT_NOT_FOUND));
        access.requireMember(bot.workspaceId, BotErrors.BOT_NOT_FOUND);
        return bot;
    }

    private static long parse(String botId) {
        return Ids.parse(botId).orElseThrow(() -> new DomainException(BotErrors.BOT_NOT_FOUND));
    }

    /** {@code llm_config.provider}/{@code api_key} (seed format): an existing provider by id or name, or a new one. */
    private void inlineProvider(long workspaceId, Caller caller, ObjectNode canonical) {
        JsonNode inline = canonical.remove("inline_provider");
        if (inline == null) {
            return;
        }
        String provider = inline.path("provider").asText("").strip();
        String apiKey = inline.path("api_key").asText("").strip();
        String baseUrl = inline.path("base_url").asText("").strip();
        ObjectNode model = canonical.has("model") && canonical.get("model").isObject()
                ? (ObjectNode) canonical.get("model") : canonical.putObject("model");
        if (apiKey.isEmpty()) {
            if (provider.isEmpty()) {
                return;
            }
            String id = ProviderService.PLATFORM_ID.equals(provider) || Ids.parse(provider).isPresent() ? provider
                    : providers.idByName(workspaceId, provider).orElseThrow(() -> new DomainException(BotErrors.PROVIDER_NOT_FOUND,
                            "provider '" + provider + "' is not configured in this workspace; pass its id, or api_key to add it"));
            model.put("provider_id", id);
            return;
        }
        // adding a key adds a provider to the workspace, which only its owner and admins may do
        access.requireManager(workspaceId, BotErrors.WORKSPACE_NOT_FOUND);
        String type = provider.isEmpty() ? "openai" : provider.toLowerCase();
        if (!ProviderTypes.known(type)) {
            type = "openai_compatible";
        }
        String name = (provider.isEmpty() ? "openai" : provider) + " · " + Ids.nextString();
        var created = providers.create(workspaceId, caller, new ProviderService.ProviderInput(null, name, type,
                baseUrl.isEmpty() ? null : baseUrl, apiKey, null, model.path("model").asText(null), null, false), false);
        model.put("provider_id", created.id());
    }

    private void requireProviders(long workspaceId, BotDefinition d) {
        providers.requireUsable(workspaceId, d.model().providerId());
        d.fallback().forEach(ref -> providers.requireUsable(workspaceId, ref.providerId()));
    }

    private void copyColumns(Bot bot, BotDefinition d) {
        bot.name = d.name();
        bot.description = d.description();
        bot.iconUrl = d.iconUrl();
        bot.mode = d.mode();
        bot.platformType = d.platformType();
        bot.draft = json(d);
    }

    /**
     * The stored platform config with {@code config} merged in: keys sent replace theirs, {@code null} removes one,
     * keys not sent stay (so a partial update cannot silently drop a stored credential); {@code null} as a whole
     * clears it.
     */
    private String sealPlatformConfig(long botId, JsonNode config, Map<String, Object> previous) {
        if (config == null || config.isNull()) {
            return null;
        }
        if (!config.isObject()) {
            throw new DomainException(BotErrors.INVALID_CHANNEL, "platform_config must be an object");
        }
        Map<String, Object> values = new LinkedHashMap<>(previous);
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                values.remove(e.getKey());
                continue;
            }
            if (e.getKey().length() > 64 || !v.isValueNode() || v.asText().length() > 4096) {
                throw new DomainException(BotErrors.INVALID_CHANNEL, "platform_config values are strings, numbers or booleans (up to 4096 characters)");
            }
            Object old = previous.get(e.getKey());
            // a client that sends back the masked value it was shown keeps the stored secret
            if (!(old instanceof String s && SECRET_KEY.matcher(e.getKey()).matches() && v.asText().equals(SecretBox.mask(s)))) {
                values.put(e.getKey(), mapper.convertValue(v, Object.class));
            }
        }
        if (values.size() > 32) {
            throw new DomainException(BotErrors.INVALID_CHANNEL, "platform_config holds at most 32 keys");
        }
        return values.isEmpty() ? null : box.seal(json(values), "bot:" + botId + ":platform");
    }

    private Map<String, Object> platformConfig(Bot bot) {
        if (bot.platformConfig == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(box.open(bot.platformConfig, "bot:" + bot.id + ":platform"), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt platform config of bot " + bot.id, e);
        }
    }

    private Map<String, Object> maskedPlatformConfig(Bot bot) {
        Map<String, Object> out = new LinkedHashMap<>();
        platformConfig(bot).forEach((k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() && v instanceof String s ? SecretBox.mask(s) : v));
        return out;
    }

    public BotView view(Bot bot, BotDefinition d) {
        return new BotView(Long.toString(bot.id), Long.toString(bot.workspaceId), Long.toString(bot.ownerId), d,
                maskedPlatformConfig(bot), d.iconUrl(), d.knowledge().datasetIds(), d.toolIds(), bot.running,
                bot.isPublished() ? "published" : "unpublished",
                bot.isPublished() && bot.updatedAt.isAfter(bot.publishedAt), bot.latestVersion,
                bot.publishedAt == null ? null : bot.publishedAt.getEpochSecond(), bot.createdAt.getEpochSecond(),
                bot.updatedAt.getEpochSecond());
    }

    private VersionView versionView(BotVersion v, int latest, boolean withDefinition) {
        return new VersionView(Long.toString(v.key.botId()), v.key.version(), v.changelog, Long.toString(v.publishedBy),
                v.createdAt.getEpochSecond(), v.key.version() == latest, withDefinition ? read(v.definition) : null);
    }

    private static BotStatus status(Bot bot) {
        return new BotStatus(Long.toString(bot.id), bot.running, bot.running && bot.isPublished(),
                bot.running && bot.startedAt != null ? bot.startedAt.getEpochSecond() : null, bot.messageCount, bot.errorCount,
                bot.lastActivityAt == null ? null : bot.lastActivityAt.getEpochSecond());
    }

    private static Map<String, Object> event(Bot bot, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bot_id", Long.toString(bot.id));
        data.put("workspace_id", Long.toString(bot.workspaceId));
        data.put("name", bot.name);
        data.put("latest_version", bot.latestVersion);
        data.putAll(extra);
        return data;
    }

    private static String firstText(JsonNode body, String... fields) {
        if (body == null) {
            return null;
        }
        for (String f : fields) {
            JsonNode v = body.get(f);
            if (v != null && !v.isNull() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    private BotDefinition read(String json) {
        try {
            return mapper.readValue(json, BotDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt bot definition", e);
        }
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt bot definition", e);
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

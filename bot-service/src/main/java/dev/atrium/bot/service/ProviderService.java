package dev.atrium.bot.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.bot.BotErrors;
import dev.atrium.bot.Provider;
import dev.atrium.bot.config.BotConfig;
import dev.atrium.bot.mapping.ProviderView;
import dev.atrium.bot.repository.BotRepository;
import dev.atrium.bot.repository.ProviderRepository;
import dev.atrium.core.egress.EgressPolicy;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * LLM providers of a workspace, plus the platform provider configured from {@code OPENAI_*}. Keys are sealed
 * with {@link SecretBox} and leave this class in clear only inside a {@link Target} for the chat engine.
 */
@ApplicationScoped
public class ProviderService {

    public static final String PLATFORM_ID = "platform";

    /** A resolved model endpoint, credentials included (never serialise it to a client). */
    public record Target(String providerId, String type, String baseUrl, String apiKey, String model) {
        @Override
        public String toString() {
            return "Target[" + providerId + ", " + baseUrl + ", " + model + "]";
        }
    }

    /** What a client may send to create or change a provider; absent fields keep their value on update. */
    public record ProviderInput(String workspaceId, String name, String type, String baseUrl, String apiKey,
                                List<String> models, String defaultModel, Map<String, Object> defaultParams, Boolean isDefault) {
        @Override
        public String toString() {
            return "ProviderInput[" + name + ", " + type + ", " + baseUrl + "]";
        }
    }

    public record TestResult(boolean ok, String model, long latencyMs, Integer httpStatus, String error, String reply) {
    }

    private final ProviderRepository providers;
    private final BotRepository bots;
    private final SecretBox box;
    private final EgressPolicy egress;
    private final ObjectMapper mapper;
    private final BotConfig config;
    private final HttpClient http;

    public ProviderService(ProviderRepository providers, BotRepository bots, SecretBox box, EgressPolicy egress,
                           ObjectMapper mapper, BotConfig config) {
        this.providers = providers;
        this.bots = bots;
        this.box = box;
        this.egress = egress;
        this.mapper = mapper;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public List<ProviderView> list(long workspaceId) {
        List<ProviderView> out = new ArrayList<>();
        platformView().ifPresent(out::add);
        providers.listIn(workspaceId).forEach(p -> out.add(view(p)));
        return out;
    }

    public ProviderView get(long workspaceId, String id) {
        if (PLATFORM_ID.equals(id)) {
            return platformView().orElseThrow(() -> new DomainException(BotErrors.PROVIDER_NOT_FOUND));
        }
        return view(load(workspaceId, id));
    }

    public Optional<String> idByName(long workspaceId, String name) {
        return providers.byName(workspaceId, name).map(p -> Long.toString(p.id));
    }

    /** The workspace of a provider id, for access checks before anything else is read. */
    public Optional<Long> workspaceOf(String id) {
        return Ids.parse(id).flatMap(providers::findByIdOptional).map(p -> p.workspaceId);
    }

    @Transactional
    public ProviderView create(long workspaceId, Caller caller, ProviderInput in) {
        return create(workspaceId, caller, in, true);
    }

    /** {@code mayBecomeDefault}: whether the first provider of a workspace becomes its default (not for seed-style inline keys). */
    @Transactional
    public ProviderView create(long workspaceId, Caller caller, ProviderInput in, boolean mayBecomeDefault) {
        Provider p = new Provider();
        p.id = Ids.next();
        p.workspaceId = workspaceId;
        p.createdBy = caller.userId();
        p.createdAt = Instant.now();
        p.updatedAt = p.createdAt;
        p.name = requireName(in.name());
        p.type = in.type() == null || in.type().isBlank() ? "openai" : in.type().strip().toLowerCase();
        if (!ProviderTypes.known(p.type)) {
            throw invalid("type must be one of " + ProviderTypes.names());
        }
        p.baseUrl = in.baseUrl() != null && !in.baseUrl().isBlank() ? in.baseUrl().strip()
                : ProviderTypes.defaultUrl(p.type).orElseThrow(() -> invalid("base_url is required for type " + p.type));
        p.models = "[]";
        p.defaultModel = "";
        p.defaultParams = "{}";
        p.apiKeyHint = "";
        apply(p, in);
        if (providers.byName(workspaceId, p.name).isPresent()) {
            throw new DomainException(BotErrors.PROVIDER_NAME_TAKEN);
        }
        if (Boolean.TRUE.equals(in.isDefault()) || mayBecomeDefault && providers.defaultOf(workspaceId).isEmpty()) {
            providers.clearDefault(workspaceId);
            providers.flush();
            p.isDefault = true;
        }
        providers.persist(p);
        return view(p);
    }

    @Transactional
    public ProviderView update(long workspaceId, String id, ProviderInput in) {
        Provider p = load(workspaceId, id);
        if (in.name() != null) {
            String name = requireName(in.name());
            if (!name.equalsIgnoreCase(p.name) && providers.byName(workspaceId, name).isPresent()) {
                throw new DomainException(BotErrors.PROVIDER_NAME_TAKEN);
            }
            p.name = name;
        }
        if (in.type() != null) {
            String type = in.type().strip().toLowerCase();
            if (!ProviderTypes.known(type)) {
                throw invalid("type must be one of " + ProviderTypes.names());
            }
            p.type = type;
        }
        if (in.baseUrl() != null) {
            p.baseUrl = in.baseUrl().isBlank()
                    ? ProviderTypes.defaultUrl(p.type).orElseThrow(() -> invalid("base_url is required for type " + p.type))
                    : in.baseUrl().strip();
        }
        apply(p, in);
        if (Boolean.TRUE.equals(in.isDefault()) && !p.isDefault) {
            providers.clearDefault(workspaceId);
            providers.flush();
            p.isDefault = true;
        }
        p.updatedAt = Instant.now();
        return view(p);
    }

    @Transactional
    public void delete(long workspaceId, String id) {
        // locked against bots being saved with this provider meanwhile (they take a shared lock on it)
        Provider p = Ids.parse(id).flatMap(pid -> providers.inWorkspace(workspaceId, pid, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new DomainException(BotErrors.PROVIDER_NOT_FOUND));
        if (bots.countUsingProvider(workspaceId, Long.toString(p.id)) > 0) {
            throw new DomainException(BotErrors.PROVIDER_IN_USE);
        }
        providers.delete(p);
    }

    /** Sends a one-token chat completion and reports how it went; a failure is a result, not an error. */
    public TestResult test(long workspaceId, String id, String model) {
        Target target = resolve(workspaceId, id, model);
        URI uri = URI.create(stripSlash(target.baseUrl()) + "/chat/completions");
        try {
            egress.check(uri);
        } catch (DomainException e) {
            // an address the platform refuses stays an error (403); a name that does not resolve is a test result
            if (e.errorCode().httpStatus() == 403) {
                throw e;
            }
            return new TestResult(false, target.model(), 0, null, e.getMessage(), null);
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("model", target.model());
        body.put("max_tokens", 1);
        body.put("stream", false);
        body.putArray("messages").addObject().put("role", "user").put("content", "ping");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.providerTestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (!target.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + target.apiKey());
        }
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (response.statusCode() / 100 != 2) {
                return new TestResult(false, target.model(), ms, response.statusCode(),
                        redact(errorText(response.body()), target.apiKey()), null);
            }
            JsonNode json = mapper.readTree(response.body());
            String reply = json.path("choices").path(0).path("message").path("content").asText("");
            return new TestResult(true, target.model(), ms, response.statusCode(), null, reply);
        } catch (java.net.http.HttpTimeoutException e) {
            return new TestResult(false, target.model(), (System.nanoTime() - t0) / 1_000_000, null,
                    "no answer within " + config.providerTestTimeout().toSeconds() + " s", null);
        } catch (java.io.IOException e) {
            return new TestResult(false, target.model(), (System.nanoTime() - t0) / 1_000_000, null,
                    "could not reach " + uri.getHost() + ": " + redact(String.valueOf(e.getMessage()), target.apiKey()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(BotErrors.INVALID_PROVIDER, "interrupted");
        }
    }

    /**
     * The endpoint for a model setting: the named provider of the workspace (or the platform one), else the
     * workspace default, else the platform provider. The model falls back to the provider's default model.
     */
    public Target resolve(long workspaceId, String providerId, String model) {
        if (providerId == null || providerId.isBlank()) {
            Optional<Provider> byDefault = providers.defaultOf(workspaceId);
            if (byDefault.isPresent()) {
                return target(byDefault.get(), model);
            }
            return platformTarget(model).orElseThrow(() -> new DomainException(BotErrors.NO_MODEL));
        }
        if (PLATFORM_ID.equals(providerId)) {
            return platformTarget(model).orElseThrow(() -> new DomainException(BotErrors.PROVIDER_NOT_FOUND,
                    "the platform provider is not configured"));
        }
        return target(load(workspaceId, providerId), model);
    }

    /** Whether a model setting names a provider the workspace can use (checked when a bot is saved). */
    public void requireUsable(long workspaceId, String providerId) {
        if (providerId == null || providerId.isBlank()) {
            return;
        }
        if (PLATFORM_ID.equals(providerId)) {
            if (platformTarget(null).isEmpty()) {
                throw new DomainException(BotErrors.PROVIDER_NOT_FOUND, "the platform provider is not configured");
            }
            return;
        }
        Ids.parse(providerId).flatMap(pid -> providers.inWorkspace(workspaceId, pid, LockModeType.PESSIMISTIC_READ))
                .orElseThrow(() -> new DomainException(BotErrors.PROVIDER_NOT_FOUND));
    }

    private Target target(Provider p, String model) {
        String key = p.apiKey == null ? "" : box.open(p.apiKey, context(p.id));
        String m = model != null && !model.isBlank() ? model : !p.defaultModel.isEmpty() ? p.defaultModel
                : models(p).stream().findFirst().orElseThrow(() -> new DomainException(BotErrors.NO_MODEL,
                "provider " + p.name + " has no model; set model or the provider's default_model"));
        return new Target(Long.toString(p.id), p.type, p.baseUrl, key, m);
    }

    private Optional<Target> platformTarget(String model) {
        BotConfig.PlatformProvider pp = config.platformProvider();
        return pp.apiKey().filter(k -> !k.isBlank()).map(key -> new Target(PLATFORM_ID, "openai", pp.baseUrl(), key,
                model != null && !model.isBlank() ? model : pp.defaultModel()));
    }

    private Optional<ProviderView> platformView() {
        BotConfig.PlatformProvider pp = config.platformProvider();
        return pp.apiKey().filter(k -> !k.isBlank()).map(key -> new ProviderView(PLATFORM_ID, null, "Platform default", "openai",
                pp.baseUrl(), SecretBox.mask(key), true, pp.models(), pp.defaultModel(), Map.of(), false, true, null, null));
    }

    private void apply(Provider p, ProviderInput in) {
        // a client that sends back the masked key it was shown keeps the stored one
        if (in.apiKey() != null && !(p.apiKey != null && in.apiKey().strip().equals(p.apiKeyHint))) {
            String key = in.apiKey().strip();
            if (key.length() > 4096) {
                throw invalid("api_key is too long");
            }
            p.apiKey = key.isEmpty() ? null : box.seal(key, context(p.id));
            p.apiKeyHint = SecretBox.mask(key);
        }
        if (in.models() != null) {
            if (in.models().size() > 200 || in.models().stream().anyMatch(m -> m == null || m.isBlank() || m.length() > 200)) {
                throw invalid("models must be at most 200 non-empty names of up to 200 characters");
            }
            p.models = json(in.models().stream().map(String::strip).distinct().toList());
        }
        if (in.defaultModel() != null) {
            if (in.defaultModel().length() > 200) {
                throw invalid("default_model is too long");
            }
            p.defaultModel = in.defaultModel().strip();
        }
        if (in.defaultParams() != null) {
            p.defaultParams = json(checkParams(in.defaultParams()));
        }
        if (p.baseUrl.length() > 2048) {
            throw invalid("base_url is too long");
        }
        // Only the shape is checked here; where it points is checked by the egress policy on every call, when
        // the name is resolved, so saving works offline and a DNS change cannot sneak past the check.
        URI uri;
        try {
            uri = URI.create(p.baseUrl);
        } catch (IllegalArgumentException e) {
            throw invalid("base_url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid("base_url must be an http(s) URL with a host");
        }
    }

    private Map<String, Object> checkParams(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            switch (e.getKey()) {
                case "temperature" -> out.put(e.getKey(), number(e, 0, 2));
                case "top_p" -> out.put(e.getKey(), number(e, 0, 1));
                case "max_tokens" -> out.put(e.getKey(), number(e, 1, 1_000_000).intValue());
                case "presence_penalty", "frequency_penalty" -> out.put(e.getKey(), number(e, -2, 2));
                default -> throw invalid("default_params supports temperature, top_p, max_tokens, presence_penalty, frequency_penalty");
            }
        }
        return out;
    }

    private static Number number(Map.Entry<String, Object> e, double min, double max) {
        if (!(e.getValue() instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
            throw invalid(e.getKey() + " must be a number between " + min + " and " + max);
        }
        return n;
    }

    private Provider load(long workspaceId, String id) {
        return Ids.parse(id).flatMap(pid -> providers.inWorkspace(workspaceId, pid))
                .orElseThrow(() -> new DomainException(BotErrors.PROVIDER_NOT_FOUND));
    }

    private ProviderView view(Provider p) {
        return new ProviderView(Long.toString(p.id), Long.toString(p.workspaceId), p.name, p.type, p.baseUrl, p.apiKeyHint,
                p.apiKey != null, models(p), p.defaultModel, read(p.defaultParams, new TypeReference<Map<String, Object>>() { }),
                p.isDefault, false, p.createdAt.getEpochSecond(), p.updatedAt == null ? p.createdAt.getEpochSecond()
                : p.updatedAt.getEpochSecond());
    }

    private List<String> models(Provider p) {
        return read(p.models, new TypeReference<List<String>>() { });
    }

    private static String context(long providerId) {
        return "provider:" + providerId;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw invalid("name is required (1-100 characters)");
        }
        return name.strip();
    }

    private String errorText(String body) {
        try {
            JsonNode json = mapper.readTree(body);
            String msg = json.path("error").path("message").asText(json.path("error").asText(json.path("message").asText("")));
            return msg.isEmpty() ? truncate(body) : truncate(msg);
        } catch (JsonProcessingException e) {
            return truncate(body);
        }
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    /** Providers sometimes echo the key in error messages; it must not reach the client. */
    static String redact(String text, String key) {
        if (key == null || key.length() < 4 || text == null) {
            return text;
        }
        return text.replace(key, SecretBox.mask(key));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt provider JSON", e);
        }
    }

    private static DomainException invalid(String message) {
        return new DomainException(BotErrors.INVALID_PROVIDER, message);
    }
}

package dev.atrium.gateway.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.atrium.gateway.GatewayErrors;
import dev.atrium.gateway.config.GatewayConfig;
import dev.atrium.gateway.proxy.UpstreamClients;
import dev.atrium.gateway.web.Replies;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code /openapi/<service>} returns one service's document, {@code /openapi/all} a merge of all of them so the
 * Swagger UI can show the whole platform. A service that is down is listed under {@code x-atrium-unavailable}
 * instead of failing the merge. Schema names that two services define differently get the service name as a
 * prefix (and that service's references are rewritten), so no service's schema silently replaces another's.
 */
@ApplicationScoped
public class OpenApiAggregator {

    public static final String PREFIX = "/openapi/";
    private static final Logger LOG = Logger.getLogger(OpenApiAggregator.class);
    private static final String SCHEMA_REF = "#/components/schemas/";

    private final UpstreamClients clients;
    private final Replies replies;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, String> services;
    private final long timeoutMillis;

    public OpenApiAggregator(UpstreamClients clients, Replies replies, GatewayConfig config) {
        this.clients = clients;
        this.replies = replies;
        this.services = config.services().asMap();
        this.timeoutMillis = Math.min(config.upstream().idleTimeout().toMillis(), 10_000);
    }

    public void handle(RoutingContext ctx, String path) {
        ctx.request().resume();
        if (ctx.request().method() != HttpMethod.GET) {
            replies.error(ctx, GatewayErrors.METHOD_NOT_ALLOWED);
            return;
        }
        String name = path.substring(PREFIX.length());
        if (name.equals("all")) {
            all().onSuccess(doc -> replies.json(ctx, 200, doc.toString()))
                    .onFailure(t -> replies.error(ctx, GatewayErrors.INTERNAL));
            return;
        }
        if (!services.containsKey(name)) {
            replies.error(ctx, GatewayErrors.NO_ROUTE);
            return;
        }
        fetch(name).onSuccess(doc -> replies.json(ctx, 200, doc.toString()))
                .onFailure(t -> replies.error(ctx, GatewayErrors.UPSTREAM_DOWN, name + " did not return its OpenAPI document"));
    }

    private Future<JsonNode> fetch(String service) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(stripSlash(services.get(service)) + "/q/openapi?format=json")
                .putHeader("Accept", "application/json")
                .setIdleTimeout(timeoutMillis);
        return clients.http().request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.statusCode() == 200
                        ? resp.body()
                        : Future.<Buffer>failedFuture("status " + resp.statusCode()))
                .map(body -> {
                    try {
                        return mapper.readTree(body.getBytes());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("not JSON", e);
                    }
                });
    }

    private Future<ObjectNode> all() {
        List<String> names = new ArrayList<>(services.keySet());
        List<Future<JsonNode>> fetches = names.stream().map(this::fetch).toList();
        return Future.join(fetches).transform(ignored -> {
            Map<String, JsonNode> docs = new java.util.LinkedHashMap<>();
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Future<JsonNode> f = fetches.get(i);
                if (f.succeeded()) {
                    docs.put(names.get(i), f.result());
                } else {
                    LOG.debugf("openapi of %s unavailable: %s", names.get(i), f.cause().getMessage());
                    unavailable.add(names.get(i));
                }
            }
            return Future.succeededFuture(merge(docs, unavailable));
        });
    }

    ObjectNode merge(Map<String, JsonNode> docs, List<String> unavailable) {
        ObjectNode merged = mapper.createObjectNode();
        String version = docs.values().stream().map(d -> d.path("openapi").asText(""))
                .filter(v -> !v.isEmpty()).findFirst().orElse("3.0.3");
        merged.put("openapi", version);
        merged.putObject("info").put("title", "Atrium API").put("version", "1.0")
                .put("description", "All Atrium services behind the gateway");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        ArrayNode tags = merged.putArray("tags");
        java.util.Set<String> tagNames = new java.util.HashSet<>();
        for (Map.Entry<String, JsonNode> entry : docs.entrySet()) {
            String service = entry.getKey();
            JsonNode doc = entry.getValue().deepCopy();
            Map<String, String> renames = new HashMap<>();
            JsonNode own = doc.path("components").path("schemas");
            own.fieldNames().forEachRemaining(name -> {
                if (schemas.has(name) && !schemas.get(name).equals(own.get(name))) {
                    renames.put(name, capitalize(service) + name);
                }
            });
            if (!renames.isEmpty()) {
                rewriteRefs(doc, renames);
            }
            doc.path("paths").fields().forEachRemaining(p -> {
                if (!paths.has(p.getKey())) {
                    paths.set(p.getKey(), p.getValue());
                }
            });
            doc.path("components").path("schemas").fields().forEachRemaining(s ->
                    schemas.set(renames.getOrDefault(s.getKey(), s.getKey()), s.getValue()));
            doc.path("components").path("securitySchemes").fields().forEachRemaining(s -> {
                if (!securitySchemes.has(s.getKey())) {
                    securitySchemes.set(s.getKey(), s.getValue());
                }
            });
            for (JsonNode tag : doc.path("tags")) {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            }
        }
        ArrayNode down = merged.putArray("x-atrium-unavailable");
        unavailable.forEach(down::add);
        return merged;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
                String target = ref.asText().substring(SCHEMA_REF.length());
                String renamed = renames.get(target);
                if (renamed != null) {
                    object.set("$ref", new TextNode(SCHEMA_REF + renamed));
                }
            }
            Iterator<JsonNode> children = object.elements();
            while (children.hasNext()) {
                rewriteRefs(children.next(), renames);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

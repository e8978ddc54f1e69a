package dev.atrium.gateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the gateway can be told ({@code atrium.gateway.*}). Services and their path prefixes are
 * named properties rather than maps so that each one can be set from an environment variable
 * ({@code ATRIUM_GATEWAY_SERVICES_BOT}, {@code ATRIUM_GATEWAY_ROUTES_BOT}).
 */
@ConfigMapping(prefix = "atrium.gateway")
public interface GatewayConfig {

    Services services();

    Routes routes();

    /** Requests that pass without a credential: {@code [METHOD ]path}, a trailing {@code *} matches a prefix. */
    @WithDefault("POST /api/v1/auth/register,POST /api/v1/auth/login,POST /api/v1/auth/refresh,"
            + "/.well-known/jwks.json,/q/health*,/q/openapi*,/q/swagger-ui*,/openapi/*,/api/permission/oauth2/*,OPTIONS *")
    List<String> publicRoutes();

    /** Largest request body forwarded; larger ones get a 413 envelope. */
    @WithDefault("10M")
    MemorySize maxBodySize();

    Upstream upstream();

    Auth auth();

    RateLimit rateLimit();

    Revocation revocation();

    interface Services {
        @WithDefault("http://localhost:8081")
        String auth();

        @WithDefault("http://localhost:8082")
        String bot();

        @WithDefault("http://localhost:8083")
        String conversation();

        @WithDefault("http://localhost:8084")
        String knowledge();

        @WithDefault("http://localhost:8085")
        String plugin();

        @WithDefault("http://localhost:8086")
        String workflow();

        default Map<String, String> asMap() {
            Map<String, String> all = new LinkedHashMap<>();
            all.put("auth", auth());
            all.put("bot", bot());
            all.put("conversation", conversation());
            all.put("knowledge", knowledge());
            all.put("plugin", plugin());
            all.put("workflow", workflow());
            return all;
        }
    }

    /** Path prefixes per service; the Coze paths sit at the root because the Coze SDKs drop any base-URL path. */
    interface Routes {
        @WithDefault("/api/v1/auth,/api/v1/workspaces,/.well-known/jwks.json,/v1/workspaces,/api/permission/oauth2")
        List<String> auth();

        @WithDefault("/api/v1/bots,/api/v1/providers,/api/v1/variables,/v1/bot,/v1/bots,/v1/space,/v1/variables")
        List<String> bot();

        @WithDefault("/api/v1/conversations,/api/v1/chat,/api/v1/chat-rooms,/api/v1/ws,/ws/chat-room,/v3/chat,/v1/conversation,/v1/conversations")
        List<String> conversation();

        @WithDefault("/api/v1/knowledge,/api/v1/datasets,/api/v1/files,/v1/datasets,/v1/files,/open_api/knowledge")
        List<String> knowledge();

        @WithDefault("/api/v1/plugins,/api/v1/tools,/api/v1/mcp")
        List<String> plugin();

        @WithDefault("/api/v1/workflows,/v1/workflow,/v1/workflows")
        List<String> workflow();

        default Map<String, List<String>> asMap() {
            Map<String, List<String>> all = new LinkedHashMap<>();
            all.put("auth", auth());
            all.put("bot", bot());
            all.put("conversation", conversation());
            all.put("knowledge", knowledge());
            all.put("plugin", plugin());
            all.put("workflow", workflow());
            return all;
        }
    }

    interface Upstream {
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * Longest silence tolerated from an upstream, both while waiting for the response head and between
         * chunks of a streamed body. There is deliberately no total timeout: SSE answers may run for minutes.
         */
        @WithDefault("120s")
        Duration idleTimeout();

        /** Keep-alive connections pooled per upstream (per event loop pool). */
        @WithDefault("64")
        int maxConnections();

        /** Seconds an unused pooled connection stays open. */
        @WithDefault("60")
        int keepAliveSeconds();

        /** Largest WebSocket frame relayed. */
        @WithDefault("1048576")
        int maxWebSocketFrameSize();

        /** Largest WebSocket message relayed. */
        @WithDefault("4194304")
        int maxWebSocketMessageSize();
    }

    interface Auth {
        /** How long a PAT / API key resolution is reused (also capped by the access token's expiry). */
        @WithDefault("60s")
        Duration cacheTtl();

        @WithDefault("100000")
        long cacheMaxSize();

        /** Deadline of the ResolveCredential call to auth-service. */
        @WithDefault("3s")
        Duration resolveTimeout();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Authenticated requests per minute and principal (user id). */
        @WithDefault("600")
        int requestsPerMinute();

        /** Bucket size for authenticated callers; defaults to the per-minute limit. */
        Optional<Integer> burst();

        /** Requests per minute and client IP on public routes and for failed authentications. */
        @WithDefault("120")
        int anonymousRequestsPerMinute();

        Optional<Integer> anonymousBurst();

        /** Buckets kept in memory; idle ones are dropped first. */
        @WithDefault("100000")
        long maxBuckets();
    }

    interface Revocation {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("atrium.auth.events")
        String topic();

        /** Longest lifetime of an access token: older revocation events are skipped, replay starts this far back. */
        @WithDefault("1h")
        Duration maxTokenLifetime();

        /** How often partitions of the topic are looked up again (the topic may be created after the gateway starts). */
        @WithDefault("30s")
        Duration partitionRefresh();
    }
}

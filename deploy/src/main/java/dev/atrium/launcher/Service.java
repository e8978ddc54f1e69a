package dev.atrium.launcher;

import java.util.Locale;
import java.util.Optional;

/**
 * The seven processes of the suite, in port order: service {@code i} listens on {@code basePort + i}.
 * Auth comes right after the gateway because every other process needs its JWKS to start.
 */
public enum Service {
    GATEWAY("gateway", "atrium_gateway"),
    AUTH("auth-service", "atrium_auth"),
    BOT("bot-service", "atrium_bot"),
    CONVERSATION("conversation-service", "atrium_conversation"),
    KNOWLEDGE("knowledge-service", "atrium_knowledge"),
    PLUGIN("plugin-service", "atrium_plugin"),
    WORKFLOW("workflow-service", "atrium_workflow");

    private final String module;
    private final String database;

    Service(String module, String database) {
        this.module = module;
        this.database = database;
    }

    /** Maven module folder, also the name used for logs and on the command line. */
    public String module() {
        return module;
    }

    public String database() {
        return database;
    }

    public int portOffset() {
        return ordinal();
    }

    /** Distinct per process so id generators never collide (1..7). */
    public int nodeId() {
        return ordinal() + 1;
    }

    /** Suffix of the gateway's {@code ATRIUM_GATEWAY_SERVICES_<KEY>} routing variables. */
    public String routeKey() {
        return name();
    }

    /** Accepts {@code auth-service}, {@code auth} or {@code AUTH}. */
    public static Optional<Service> find(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Service service : values()) {
            if (service.module.equals(wanted) || service.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}

package dev.atrium.gateway.routing;

import java.util.List;
import java.util.Locale;

import dev.atrium.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Which requests may pass without a credential ({@code atrium.gateway.public-routes}). */
@ApplicationScoped
public class PublicRoutes {

    private record Rule(String method, String path, boolean prefix) {

        boolean matches(String m, String p) {
            if (method != null && !method.equals(m)) {
                return false;
            }
            if (!prefix) {
                return p.equals(path);
            }
            if (path.endsWith("/")) {
                // "/a/*" covers "/a" itself as well as everything below it
                return p.startsWith(path) || p.equals(path.substring(0, path.length() - 1));
            }
            return p.startsWith(path);
        }
    }

    private final List<Rule> rules;

    @Inject
    public PublicRoutes(GatewayConfig config) {
        this(config.publicRoutes());
    }

    PublicRoutes(List<String> patterns) {
        this.rules = patterns.stream().map(String::trim).filter(s -> !s.isEmpty()).map(PublicRoutes::parse).toList();
    }

    public boolean isPublic(String method, String path) {
        for (Rule rule : rules) {
            if (rule.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    private static Rule parse(String pattern) {
        String method = null;
        String path = pattern;
        int space = pattern.indexOf(' ');
        if (space > 0) {
            method = pattern.substring(0, space).toUpperCase(Locale.ROOT);
            path = pattern.substring(space + 1).trim();
        }
        boolean prefix = path.endsWith("*");
        if (prefix) {
            path = path.substring(0, path.length() - 1);
        }
        return new Rule(method, path, prefix);
    }
}

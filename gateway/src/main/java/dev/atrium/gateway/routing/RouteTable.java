package dev.atrium.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.atrium.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Path prefix → service. Prefixes match whole segments ({@code /v1/bot} matches {@code /v1/bot/get} but not
 * {@code /v1/botany}) and the longest matching prefix wins, so a narrower route can be carved out of a wider one.
 */
@ApplicationScoped
public class RouteTable {

    private final List<Route> routes;

    @Inject
    public RouteTable(GatewayConfig config) {
        this(config.services().asMap(), config.routes().asMap());
    }

    RouteTable(Map<String, String> services, Map<String, List<String>> prefixes) {
        List<Route> all = new ArrayList<>();
        prefixes.forEach((service, list) -> {
            String base = stripSlash(services.get(service));
            for (String prefix : list) {
                String p = prefix.trim();
                if (!p.isEmpty()) {
                    all.add(new Route(service, base, p.length() > 1 ? stripSlash(p) : p));
                }
            }
        });
        all.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        this.routes = List.copyOf(all);
    }

    public Optional<Route> match(String path) {
        for (Route route : routes) {
            String prefix = route.prefix();
            if (path.equals(prefix) || prefix.equals("/")
                    || path.startsWith(prefix) && path.length() > prefix.length() && path.charAt(prefix.length()) == '/') {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public List<Route> routes() {
        return routes;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

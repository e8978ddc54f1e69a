package dev.atrium.conversation.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.atrium.core.identity.Caller;
import dev.atrium.core.identity.CurrentCaller;
import dev.atrium.core.identity.TokenVerifier;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.websockets.next.Connection;
import io.quarkus.websockets.next.UserData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is behind a WebSocket: browsers cannot set headers on the handshake, so the JWT comes as
 * {@code ?token=} (the gateway puts the verified one there) and is verified here with core's
 * {@link TokenVerifier}. The services written for REST need a request context holding the caller;
 * {@link #as} gives them one for each message.
 */
@ApplicationScoped
public class SocketCallers {

    public static final UserData.TypedKey<Caller> CALLER = new UserData.TypedKey<>("atrium.caller");

    private final TokenVerifier verifier;

    public SocketCallers(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public Optional<Caller> verify(Connection connection) {
        return verifier.verify(query(connection).get("token"));
    }

    /** The handshake's query parameters (the first value of each). */
    public static Map<String, String> query(Connection connection) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = connection.handshakeRequest().query();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(key, value);
            } catch (IllegalArgumentException malformed) {
                // a broken %-escape is a parameter not given; the endpoint then answers with its error frame
            }
        }
        return out;
    }

    /** Runs {@code work} as {@code caller}, in the active request context or in one opened for it. */
    public <T> T as(Caller caller, Supplier<T> work) {
        ManagedContext context = Arc.container().requestContext();
        boolean opened = !context.isActive();
        if (opened) {
            context.activate();
        }
        try {
            Arc.container().instance(CurrentCaller.class).get().use(caller);
            return work.get();
        } finally {
            if (opened) {
                context.terminate();
            }
        }
    }
}

package dev.atrium.conversation.room;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The WebSocket participants of each room connected to this replica. A room's events reach the sockets of
 * the replica that runs the turn only: participants of one room on different replicas do not see each
 * other live (they do in the history), until the rooms' events go through Kafka.
 */
@ApplicationScoped
public class RoomHub {

    private static final java.time.Duration SEND_TIMEOUT = java.time.Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(RoomHub.class);

    private final Map<Long, Set<WebSocketConnection>> rooms = new ConcurrentHashMap<>();

    public void join(long roomId, WebSocketConnection connection) {
        rooms.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    public void leave(long roomId, WebSocketConnection connection) {
        rooms.computeIfPresent(roomId, (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    public int participants(long roomId) {
        Set<WebSocketConnection> set = rooms.get(roomId);
        return set == null ? 0 : set.size();
    }

    /**
     * Sends {@code event} to every participant, waiting for each write so a participant sees the events of a
     * turn in order. Runs on the turn's virtual thread, never on the event loop.
     */
    public void broadcast(long roomId, RoomEvent event) {
        Set<WebSocketConnection> set = rooms.get(roomId);
        if (set == null) {
            return;
        }
        String text = event.json();
        for (WebSocketConnection c : set) {
            if (!c.isOpen()) {
                leave(roomId, c);
                continue;
            }
            try {
                // bounded: a participant that stops reading must not stall the room's turn
                c.sendText(text).await().atMost(SEND_TIMEOUT);
            } catch (RuntimeException e) {
                // one participant that went away must not stop the room for the others
                LOG.debugf("room %d: dropping participant %s: %s", roomId, c.id(), e.getMessage());
                leave(roomId, c);
            }
        }
    }
}

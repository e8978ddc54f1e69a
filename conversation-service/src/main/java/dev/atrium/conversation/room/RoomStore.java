package dev.atrium.conversation.room;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The database work of a running room turn, each call its own short transaction (turns run off-request). */
@ApplicationScoped
public class RoomStore {

    private final RoomMessageRepository messages;
    private final RoomAgentRepository agents;

    public RoomStore(RoomMessageRepository messages, RoomAgentRepository agents) {
        this.messages = messages;
        this.agents = agents;
    }

    @Transactional
    public RoomMessage save(RoomMessage m) {
        messages.persist(m);
        return m;
    }

    @Transactional
    public List<RoomMessage> recent(long roomId, int limit) {
        return messages.recent(roomId, null, limit);
    }

    @Transactional
    public Optional<String> lastAgent(long roomId) {
        return messages.lastAgent(roomId);
    }

    @Transactional
    public List<RoomAgent> agents(long roomId) {
        return agents.ofRoom(roomId);
    }

    /** Keeps the names agents are @mentioned by in step with their bots' current names. */
    @Transactional
    public void rename(long roomId, Map<Long, String> names) {
        for (RoomAgent a : agents.ofRoom(roomId)) {
            String name = names.get(a.botId);
            if (name != null && !name.equals(a.name)) {
                a.name = name;
            }
        }
    }
}

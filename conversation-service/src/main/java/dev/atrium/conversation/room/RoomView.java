package dev.atrium.conversation.room;

import java.util.List;

/** A room as the API shows it, with its agents in speaking order. */
public record RoomView(String id, String workspaceId, String name, String description, String policy,
                       String moderatorBotId, int maxAgentTurns, List<AgentView> agents, String createdBy,
                       long createdAt, long updatedAt) {

    /** An agent of a room: the bot's id (the {@code agent_id} of the API) and the name to @mention it by. */
    public record AgentView(String agentId, String name, int position, long addedAt) {

        public static AgentView of(RoomAgent a) {
            return new AgentView(Long.toString(a.botId), a.name, a.position, a.createdAt.getEpochSecond());
        }
    }

    public static RoomView of(ChatRoom r, List<RoomAgent> agents) {
        return new RoomView(Long.toString(r.id), Long.toString(r.workspaceId), r.name, r.description, r.policy,
                r.moderatorBotId == null ? null : Long.toString(r.moderatorBotId), r.maxAgentTurns,
                agents.stream().map(AgentView::of).toList(), Long.toString(r.createdBy), r.createdAt.getEpochSecond(),
                r.updatedAt.getEpochSecond());
    }
}

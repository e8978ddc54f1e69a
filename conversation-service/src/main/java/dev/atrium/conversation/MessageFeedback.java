package dev.atrium.conversation;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A user's like or dislike of an answer (one per user and message; a new one replaces the old). */
@Entity
@Table(name = "message_feedback")
@IdClass(MessageFeedback.Key.class)
public class MessageFeedback {

    public static class Key implements Serializable {
        public long messageId;
        public long userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.messageId == messageId && k.userId == userId;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(messageId) * 31 + Long.hashCode(userId);
        }
    }

    @Id
    @Column(name = "message_id")
    public long messageId;
    @Id
    @Column(name = "user_id")
    public long userId;
    @Column(name = "workspace_id")
    public long workspaceId;
    @Column(name = "bot_id")
    public Long botId;
    public String kind;
    public String comment;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

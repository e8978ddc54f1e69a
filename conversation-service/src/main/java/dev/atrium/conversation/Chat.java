package dev.atrium.conversation;

import java.time.Instant;
import java.util.Set;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One run of the engine answering a question: its status, error, usage and pending tool calls. */
@Entity
@Table(name = "chats")
public class Chat {

    public static final String CREATED = "created";
    public static final String IN_PROGRESS = "in_progress";
    public static final String REQUIRES_ACTION = "requires_action";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELED = "canceled";
    public static final Set<String> TERMINAL = Set.of(COMPLETED, FAILED, CANCELED);

    @Id
    public long id;
    @Column(name = "conversation_id")
    public long conversationId;
    @Column(name = "workspace_id")
    public long workspaceId;
    @Column(name = "bot_id")
    public Long botId;
    @Column(name = "section_id")
    public long sectionId;
    @Column(name = "end_user_id")
    public String endUserId;
    @Column(name = "question_id")
    public Long questionId;
    @Column(name = "answer_id")
    public Long answerId;
    /** For a regenerated answer: the answer it is an alternative to. */
    public Long regenerates;
    public String status;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "meta_data")
    public String metaData;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "required_action")
    public String requiredAction;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "client_tools")
    public String clientTools;
    @Column(name = "last_error_code")
    public int lastErrorCode;
    @Column(name = "last_error_msg")
    public String lastErrorMsg;
    public String model;
    @Column(name = "input_tokens")
    public int inputTokens;
    @Column(name = "output_tokens")
    public int outputTokens;
    @Column(name = "latency_ms")
    public long latencyMs;
    @Column(name = "auto_save")
    public boolean autoSave;
    @Column(name = "cancel_requested")
    public boolean cancelRequested;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "failed_at")
    public Instant failedAt;

    public boolean isTerminal() {
        return TERMINAL.contains(status);
    }
}

package dev.atrium.conversation;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One message of a conversation. Answers, tool calls and tool outputs point at their question
 * ({@code replyTo}); of several answers to one question (regenerate) only the one {@code inUse} is shown
 * to the model in later turns.
 */
@Entity
@Table(name = "messages")
public class Message {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public static final String QUESTION = "question";
    public static final String ANSWER = "answer";
    public static final String FUNCTION_CALL = "function_call";
    public static final String TOOL_OUTPUT = "tool_output";
    public static final String TOOL_RESPONSE = "tool_response";
    public static final String VERBOSE = "verbose";
    public static final String FOLLOW_UP = "follow_up";

    @Id
    public long id;
    @Column(name = "conversation_id")
    public long conversationId;
    @Column(name = "workspace_id")
    public long workspaceId;
    @Column(name = "bot_id")
    public Long botId;
    @Column(name = "chat_id")
    public Long chatId;
    @Column(name = "section_id")
    public long sectionId;
    public String role;
    public String type;
    public String content;
    @Column(name = "content_type")
    public String contentType;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "meta_data")
    public String metaData;
    @Column(name = "reasoning_content")
    public String reasoningContent;
    @Column(name = "reply_to")
    public Long replyTo;
    @Column(name = "in_use")
    public boolean inUse;
    @Column(name = "input_tokens")
    public int inputTokens;
    @Column(name = "output_tokens")
    public int outputTokens;
    @Column(name = "latency_ms")
    public long latencyMs;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

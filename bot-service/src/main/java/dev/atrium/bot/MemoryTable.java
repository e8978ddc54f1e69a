package dev.atrium.bot;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A database table of a bot ("memory table"): its fields ({@link MemoryTableField} list as JSON) and who may
 * touch which rows ({@code rwMode}). The rows themselves are {@link TableRow}s.
 */
@Entity
@Table(name = "memory_tables")
public class MemoryTable {

    /** End users read and write only their own rows. */
    public static final String SINGLE_USER = "single_user";
    /** End users read every row and write none. */
    public static final String READ_ONLY = "read_only";
    /** End users read and write every row. */
    public static final String MULTI_USER = "multi_user";

    @Id
    public long id;
    @Column(name = "bot_id")
    public long botId;
    @Column(name = "workspace_id")
    public long workspaceId;
    public String name;
    public String description;
    @Column(name = "rw_mode")
    public String rwMode;
    @JdbcTypeCode(SqlTypes.JSON)
    public String fields;
    @Column(name = "created_by")
    public long createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

package dev.atrium.bot;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of a {@link MemoryTable}: its values as a JSON object of field name to value, plus the end user
 * ({@code userId}) and connector that inserted it, which single-user tables use to tell rows apart.
 */
@Entity
@Table(name = "memory_rows")
public class TableRow {

    @Id
    public long id;
    @Column(name = "table_id")
    public long tableId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "connector_id")
    public String connectorId;
    @JdbcTypeCode(SqlTypes.JSON)
    public String data;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

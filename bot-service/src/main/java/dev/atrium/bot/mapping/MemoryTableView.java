package dev.atrium.bot.mapping;

import java.util.List;

import dev.atrium.bot.MemoryTableField;

/** A memory table's definition and how many rows it holds. Times in Unix seconds. */
public record MemoryTableView(String tableId, String botId, String name, String description, String rwMode,
                              List<MemoryTableField> fields, long rowCount, long createdAt, long updatedAt) {
}

package dev.atrium.bot;

import dev.atrium.core.error.ErrorCode;

/** Codes of bot memory (variables and tables), range 106. Messages are defaults; callers name the keyword or field. */
public final class MemoryErrors {

    public static final ErrorCode INVALID_REQUEST = ErrorCode.of(BotErrors.MEMORY, 400, 1, "invalid memory request");
    public static final ErrorCode UNKNOWN_VARIABLE = ErrorCode.of(BotErrors.MEMORY, 400, 2, "the bot defines no such variable");
    public static final ErrorCode READ_ONLY_VARIABLE = ErrorCode.of(BotErrors.MEMORY, 400, 3, "system variables are read-only");
    public static final ErrorCode INVALID_VARIABLE_VALUE = ErrorCode.of(BotErrors.MEMORY, 400, 4, "invalid variable value");
    public static final ErrorCode INVALID_TABLE = ErrorCode.of(BotErrors.MEMORY, 400, 5, "invalid table definition");
    public static final ErrorCode INVALID_ROW = ErrorCode.of(BotErrors.MEMORY, 400, 6, "invalid row");
    public static final ErrorCode INVALID_FILTER = ErrorCode.of(BotErrors.MEMORY, 400, 7, "invalid filter or order");
    public static final ErrorCode FILTER_REQUIRED = ErrorCode.of(BotErrors.MEMORY, 400, 8,
            "a bulk update or delete needs a filter, or \"all\": true");
    public static final ErrorCode READ_ONLY_TABLE = ErrorCode.of(BotErrors.MEMORY, 403, 1, "the table is read-only for end users");
    public static final ErrorCode TABLE_NOT_FOUND = ErrorCode.of(BotErrors.MEMORY, 404, 1, "table not found");
    public static final ErrorCode ROW_NOT_FOUND = ErrorCode.of(BotErrors.MEMORY, 404, 2, "row not found");
    public static final ErrorCode TABLE_NAME_TAKEN = ErrorCode.of(BotErrors.MEMORY, 409, 1, "the bot already has a table with this name");
    public static final ErrorCode TOO_MANY_TABLES = ErrorCode.of(BotErrors.MEMORY, 409, 2, "a bot has at most 20 tables");
    public static final ErrorCode TABLE_FULL = ErrorCode.of(BotErrors.MEMORY, 409, 3, "a table holds at most 10000 rows");
    public static final ErrorCode FIELD_TYPE_LOCKED = ErrorCode.of(BotErrors.MEMORY, 409, 4,
            "the type of a field cannot change while the table has rows");

    private MemoryErrors() {
    }
}

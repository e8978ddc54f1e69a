package dev.atrium.bot.mapping;

/**
 * A variable as one end user sees it: the stored value, or the default when none is stored. System
 * variables are computed on each read. Times in Unix seconds, 0 when the value was never set.
 */
public record VariableView(String keyword, String value, String defaultValue, String type, boolean isSystem,
                           long createTime, long updateTime) {
}

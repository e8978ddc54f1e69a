package dev.atrium.bot.mapping;

/** Run state of a bot; the counters come from conversation events. Times in Unix seconds. */
public record BotStatus(String botId, boolean isRunning, boolean isOnline, Long startTime, long messageCount, long errorCount,
                        Long lastActivity) {
}

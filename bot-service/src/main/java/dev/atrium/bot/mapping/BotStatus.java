package dev.atrium.bot.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Run state of a bot; the counters come from conversation events. Times in Unix seconds. */
public record BotStatus(String botId, boolean isRunning, boolean isOnline, @JsonInclude(JsonInclude.Include.ALWAYS) Long startTime,
                        long messageCount, long errorCount, @JsonInclude(JsonInclude.Include.ALWAYS) Long lastActivity) {
}

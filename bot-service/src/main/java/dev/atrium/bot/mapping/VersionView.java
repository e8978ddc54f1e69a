package dev.atrium.bot.mapping;

import dev.atrium.bot.BotDefinition;

/** A published version; {@code definition} only when one version is asked for. */
public record VersionView(String botId, int version, String changelog, String publishedBy, long createdAt, boolean isLatest,
                          BotDefinition definition) {
}

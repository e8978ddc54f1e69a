package dev.atrium.bot.mapping;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.atrium.bot.BotDefinition;

/**
 * A bot as the native API shows it: its draft definition at the top level plus ownership, publish and run
 * state. {@code avatar_url}, {@code knowledge_base_ids}, {@code plugins} and {@code is_active} repeat fields
 * under the names the seed documents use.
 */
public record BotView(String id, String workspaceId, String ownerId, @JsonUnwrapped BotDefinition definition,
                      Map<String, Object> platformConfig, String avatarUrl, List<String> knowledgeBaseIds,
                      List<String> plugins, boolean isActive, String publishStatus, boolean hasUnpublishedChanges,
                      int latestVersion, Long publishedAt, long createdAt, long updatedAt) {
}

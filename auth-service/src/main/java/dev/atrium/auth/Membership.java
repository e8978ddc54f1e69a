package dev.atrium.auth;

/**
 * A user's role in one workspace together with that workspace's kind ({@link Workspace#PERSONAL} or
 * {@link Workspace#TEAM}): what a principal lists, read in one query rather than a membership row plus a
 * workspace lookup each.
 */
public record Membership(long workspaceId, String role, String workspaceType) {
}

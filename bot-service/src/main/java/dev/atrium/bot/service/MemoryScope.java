package dev.atrium.bot.service;

import java.util.Optional;

import dev.atrium.bot.Bot;
import dev.atrium.bot.MemoryTable;

/**
 * On whose behalf a memory call runs. {@code userId} is the end user (Coze's connector_uid) whose variables
 * are read and who is recorded on inserted rows; {@code tableAdmin} marks a management call without an end
 * user, which sees and changes every row whatever the table's rw_mode. {@code runtime} marks calls from
 * chat, workflows and SDKs, which read a variable's definition from the published version first; {@code appKey}
 * marks an app API key, which sees nothing of the draft.
 */
public record MemoryScope(Bot bot, boolean runtime, boolean tableAdmin, String userId, String connectorId, boolean appKey) {

    /** The only user whose rows this scope may see in {@code table}, or empty for all rows. */
    public Optional<String> rowOwner(MemoryTable table) {
        return !tableAdmin && MemoryTable.SINGLE_USER.equals(table.rwMode) ? Optional.of(userId) : Optional.empty();
    }

    public boolean mayWrite(MemoryTable table) {
        return tableAdmin || !MemoryTable.READ_ONLY.equals(table.rwMode);
    }
}

package dev.atrium.bot.service;

import java.util.Map;

/** Stored variable values of one end user of a bot, keyword → value (what the memory part keeps). */
public interface VariableValues {

    Map<String, String> of(long botId, String connectorId, String userId);
}

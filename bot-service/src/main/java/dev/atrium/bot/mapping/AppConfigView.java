package dev.atrium.bot.mapping;

import java.util.List;

import dev.atrium.bot.BotDefinition.Shortcut;
import dev.atrium.bot.BotDefinition.VariableDef;

/** What a chat UI needs before the first message: the variables form, opening statement, suggestions. */
public record AppConfigView(String botId, String name, String description, String iconUrl, int version, boolean draft,
                            String openingStatement, List<String> suggestedQuestions, List<VariableDef> variables,
                            List<Shortcut> shortcutCommands) {
}

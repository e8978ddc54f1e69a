package dev.atrium.core.event;

/** One topic per producing service; the event {@code type} tells events apart inside it. */
public final class Topics {

    public static final String AUTH = "atrium.auth.events";
    public static final String BOT = "atrium.bot.events";
    public static final String CONVERSATION = "atrium.conversation.events";
    public static final String KNOWLEDGE = "atrium.knowledge.events";
    public static final String PLUGIN = "atrium.plugin.events";
    public static final String WORKFLOW = "atrium.workflow.events";

    private Topics() {
    }
}

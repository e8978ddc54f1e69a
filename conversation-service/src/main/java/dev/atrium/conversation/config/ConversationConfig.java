package dev.atrium.conversation.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "atrium.conversation")
public interface ConversationConfig {

    /** How long a membership answer of auth-service is trusted. */
    @WithDefault("15s")
    Duration membershipCacheTtl();

    /** Deadline of calls to auth-, bot-, knowledge- and plugin-service. */
    @WithDefault("5s")
    Duration rpcTimeout();

    Engine engine();

    interface Engine {
        /** Time allowed until a model's first token; past it the next model of the fallback chain is tried. */
        @WithDefault("30s")
        Duration firstTokenTimeout();

        /** Longest pause between two tokens of a stream before the chat fails. */
        @WithDefault("60s")
        Duration idleTimeout();

        /** Longest a whole chat may run; a chat still marked running after it is treated as dead. */
        @WithDefault("10m")
        Duration maxChatDuration();

        /** Model ↔ tool rounds in one chat before it fails (a model that keeps calling tools). */
        @WithDefault("6")
        int maxToolRounds();

        /** Rounds (question + answer) kept in the prompt when the bot sets none. */
        @WithDefault("10")
        int defaultContextRounds();

        /** Chats this replica runs at once; beyond it new chats get 503. */
        @WithDefault("5000")
        int maxRunningChats();

        /** Time a tool call may take. */
        @WithDefault("30s")
        Duration toolTimeout();

        /** How often a replica looks for cancel requests made on other replicas. */
        @WithDefault("300ms")
        Duration cancelPollInterval();

        /** Characters of retrieved knowledge put into the prompt at most. */
        @WithDefault("8000")
        int maxKnowledgeChars();
    }
}

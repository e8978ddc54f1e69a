package dev.atrium.conversation.engine;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.Message;
import dev.atrium.conversation.mapping.Json;
import dev.atrium.conversation.service.ChatStore.Context;
import dev.atrium.conversation.service.MessageService.NewMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

/**
 * The prompt of one model call: the system prompt (with retrieved knowledge), the summary of turns that
 * left the window, the section's recent turns (questions and the answers in use), the question, and the
 * tool traffic of this chat so far.
 */
public final class PromptBuilder {

    static final String SUMMARY_PREFIX = "Summary of the earlier conversation:\n";

    private PromptBuilder() {
    }

    public static List<ChatMessage> build(String systemPrompt, String knowledge, Context context, int contextRounds,
                                          List<NewMessage> unsaved) {
        List<ChatMessage> out = new ArrayList<>();
        String system = systemPrompt == null ? "" : systemPrompt.strip();
        if (knowledge != null && !knowledge.isBlank()) {
            system = (system.isEmpty() ? "" : system + "\n\n") + knowledge;
        }
        if (!system.isEmpty()) {
            out.add(SystemMessage.from(system));
        }
        if (context.summary() != null && !context.summary().isBlank()) {
            out.add(SystemMessage.from(SUMMARY_PREFIX + context.summary()));
        }
        for (List<Message> round : window(rounds(context.history()), contextRounds)) {
            for (Message m : round) {
                out.add(Message.USER.equals(m.role) ? user(m.content, m.contentType) : AiMessage.from(m.content));
            }
        }
        if (context.question() != null) {
            out.add(user(context.question().content, context.question().contentType));
        }
        for (NewMessage n : unsaved) {
            out.add(Message.USER.equals(n.role()) ? user(n.content(), n.contentType()) : AiMessage.from(n.content()));
        }
        addToolTraffic(out, context.ownMessages());
        return out;
    }

    /**
     * The turns the prompt keeps: those the summary does not cover, but never more than 1.5 × the window,
     * whatever the summariser managed to do.
     */
    static List<List<Message>> window(List<List<Message>> rounds, int contextRounds) {
        int keep = contextRounds + Math.max(1, contextRounds / 2);
        return rounds.size() <= keep ? rounds : rounds.subList(rounds.size() - keep, rounds.size());
    }

    /** Messages grouped into turns, each starting at a question (leading answers form their own turn). */
    public static List<List<Message>> rounds(List<Message> history) {
        List<List<Message>> rounds = new ArrayList<>();
        List<Message> current = null;
        for (Message m : history) {
            if (current == null || Message.QUESTION.equals(m.type)) {
                current = new ArrayList<>();
                rounds.add(current);
            }
            current.add(m);
        }
        return rounds;
    }

    /** function_call messages become the assistant's tool requests, followed by their results. */
    private static void addToolTraffic(List<ChatMessage> out, List<Message> own) {
        List<ToolExecutionRequest> pending = new ArrayList<>();
        for (Message m : own) {
            if (Message.FUNCTION_CALL.equals(m.type)) {
                JsonNode call = Json.tree(m.content);
                pending.add(ToolExecutionRequest.builder().id(call.path("id").asText())
                        .name(call.path("name").asText()).arguments(call.path("arguments").asText("{}")).build());
            } else if (Message.TOOL_OUTPUT.equals(m.type) || Message.TOOL_RESPONSE.equals(m.type)) {
                if (!pending.isEmpty()) {
                    out.add(AiMessage.from(List.copyOf(pending)));
                    pending.clear();
                }
                JsonNode meta = Json.tree(m.metaData);
                out.add(ToolExecutionResultMessage.from(meta.path("tool_call_id").asText(), meta.path("name").asText(),
                        m.content));
            }
        }
        if (!pending.isEmpty()) {
            out.add(AiMessage.from(List.copyOf(pending)));
        }
    }

    /** A user message; {@code object_string} parts become text and image contents. */
    static UserMessage user(String content, String contentType) {
        if (!"object_string".equals(contentType)) {
            return UserMessage.from(content);
        }
        List<Content> parts = new ArrayList<>();
        for (JsonNode p : Json.tree(content)) {
            String type = p.path("type").asText();
            if ("text".equals(type)) {
                parts.add(TextContent.from(p.path("text").asText()));
            } else if ("image".equals(type) && p.hasNonNull("file_url")) {
                parts.add(ImageContent.from(p.path("file_url").asText()));
            } else {
                String ref = p.hasNonNull("file_url") ? p.path("file_url").asText() : "file " + p.path("file_id").asText();
                parts.add(TextContent.from("[" + type + ": " + ref + "]"));
            }
        }
        return UserMessage.from(parts);
    }
}

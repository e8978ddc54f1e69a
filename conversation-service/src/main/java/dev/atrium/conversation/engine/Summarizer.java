package dev.atrium.conversation.engine;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import dev.atrium.conversation.Message;
import dev.atrium.conversation.service.ChatStore;
import dev.atrium.conversation.service.ChatStore.Context;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps a summary of the turns that left a conversation's window. When a section holds more unsummarised
 * turns than the window plus half of it, the model condenses the oldest ones (with the previous summary)
 * into a new summary; the prompt then carries the summary instead of those turns. Runs after the chat has
 * ended, so it never delays an answer; a failure only means the next turn tries again.
 */
@ApplicationScoped
public class Summarizer {

    private static final Logger LOG = Logger.getLogger(Summarizer.class);
    static final String INSTRUCTIONS = "You maintain the memory of a conversation. Write a concise summary of the "
            + "conversation below, keeping facts, names, numbers, decisions and open questions. "
            + "Reply with the summary only.";

    private final ChatStore store;
    private final ModelStreamer models;

    public Summarizer(ChatStore store, ModelStreamer models) {
        this.store = store;
        this.models = models;
    }

    public void maybeSummarize(ChatJob job) {
        try {
            Context input = store.summaryInput(job.conversationId(), job.sectionId());
            List<List<Message>> rounds = PromptBuilder.rounds(input.history());
            int window = job.contextRounds();
            if (rounds.size() <= window + Math.max(1, window / 2)) {
                return;
            }
            List<List<Message>> older = rounds.subList(0, rounds.size() - window);
            StringBuilder transcript = new StringBuilder();
            if (input.summary() != null) {
                transcript.append("Summary so far:\n").append(input.summary()).append("\n\nLater turns:\n");
            }
            long upto = 0;
            for (List<Message> round : older) {
                for (Message m : round) {
                    transcript.append(Message.USER.equals(m.role) ? "User: " : "Assistant: ").append(m.content).append('\n');
                    upto = Math.max(upto, m.id);
                }
            }
            List<ChatMessage> prompt = new ArrayList<>();
            prompt.add(SystemMessage.from(INSTRUCTIONS));
            prompt.add(UserMessage.from(transcript.toString()));
            StreamResult result = models.stream(job.model(), prompt, List.of(), StreamListener.NONE, () -> false);
            if (result.ok() && !result.text().isBlank()) {
                store.saveSummary(job.conversationId(), job.sectionId(), result.text().strip(), upto);
            } else {
                LOG.infof("conversation %d: summary not updated (%s)", job.conversationId(), result.error());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "conversation %d: summary failed", job.conversationId());
        }
    }
}

package dev.atrium.conversation.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.conversation.Chat;
import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.Message;
import dev.atrium.conversation.client.KnowledgeClient;
import dev.atrium.conversation.client.ToolClient;
import dev.atrium.conversation.config.ConversationConfig;
import dev.atrium.conversation.mapping.ChatView;
import dev.atrium.conversation.mapping.Json;
import dev.atrium.conversation.mapping.MessageView;
import dev.atrium.conversation.service.ChatStore;
import dev.atrium.conversation.service.ChatStore.Context;
import dev.atrium.core.error.ErrorCode;
import dev.atrium.core.id.Ids;
import dev.atrium.proto.knowledge.v1.RetrieveRequest;
import dev.atrium.proto.knowledge.v1.RetrievedChunk;
import dev.atrium.proto.plugin.v1.ExecuteToolRequest;
import dev.atrium.proto.plugin.v1.ExecuteToolResponse;
import dev.atrium.proto.plugin.v1.ToolDefinition;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs one chat to its end on the calling (virtual) thread and reports it as Coze v3 events: knowledge
 * retrieval, the model's answer streamed with the fallback chain, server-side tools in a bounded loop,
 * client-side tools as {@code requires_action}, then completed / failed / canceled. Every step that can
 * wait has a deadline, and the run always ends with {@code done}.
 */
@ApplicationScoped
public class ChatEngine {

    private static final Logger LOG = Logger.getLogger(ChatEngine.class);
    public static final String KNOWLEDGE_TOOL = "search_knowledge";
    static final String FOLLOW_UP_INSTRUCTIONS = "Suggest three short questions the user could ask next about this "
            + "exchange, in the user's language. One question per line, nothing else.";
    public static final String FINISH_MARKER = "{\"msg_type\":\"generate_answer_finish\",\"data\":\"{\\\"finish_reason\\\":0,\\\"fin_data\\\":\\\"\\\"}\",\"from_unit\":\"\"}";

    private final ModelStreamer models;
    private final ChatStore store;
    private final KnowledgeClient knowledge;
    private final ToolClient tools;
    private final Summarizer summarizer;
    private final ConversationConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;

    public ChatEngine(ModelStreamer models, ChatStore store, KnowledgeClient knowledge, ToolClient tools,
                      Summarizer summarizer, ConversationConfig config, ObjectMapper mapper, MeterRegistry meters) {
        this.models = models;
        this.store = store;
        this.knowledge = knowledge;
        this.tools = tools;
        this.summarizer = summarizer;
        this.config = config;
        this.mapper = mapper;
        this.meters = meters;
    }

    /** The mutable state of one run. */
    private static final class Progress {
        int inputTokens;
        int outputTokens;
        int fallbacks;
        String model;
        final long startedAt = System.currentTimeMillis();
        final Map<String, String> citations = new LinkedHashMap<>();

        long latency() {
            return System.currentTimeMillis() - startedAt;
        }
    }

    public void run(ChatJob job, ChatRun run) {
        Progress progress = new Progress();
        try {
            Chat chat = store.chat(job.chatId());
            if (!job.resume()) {
                run.emit(event(ChatEvent.CHAT_CREATED, ChatView.of(chat, Chat.CREATED)));
            }
            run.emit(event(ChatEvent.CHAT_IN_PROGRESS, ChatView.of(chat, Chat.IN_PROGRESS)));
            execute(job, run, progress);
            record(run, progress);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "chat %d failed unexpectedly", job.chatId());
            fail(job, run, progress, new CommonFailure(ConversationErrors.MODEL_FAILED, "internal error: " + e.getClass().getSimpleName()));
        }
    }

    private record CommonFailure(ErrorCode code, String message) {
    }

    /** Chats by final status and their duration ({@code /q/metrics}: atrium_chats_total, atrium_chat_duration). */
    private void record(ChatRun run, Progress progress) {
        String status = run.finished().getNow("unknown");
        meters.counter("atrium.chats", "status", status).increment();
        meters.timer("atrium.chat.duration", "status", status)
                .record(java.time.Duration.ofMillis(progress.latency()));
        if (progress.fallbacks > 0) {
            meters.counter("atrium.chat.fallbacks").increment(progress.fallbacks);
        }
    }

    private void execute(ChatJob job, ChatRun run, Progress progress) {
        Context context = store.context(job);
        String question = questionText(job, context);
        String knowledgeBlock = null;
        if (job.hasKnowledge() && !job.knowledgeOnDemand() && !job.resume()) {
            List<RetrievedChunk> chunks = retrieve(job, run, question, progress);
            if (chunks.isEmpty() && !job.knowledge().getNoRecallReply().isBlank()) {
                answerDirectly(job, run, progress, job.knowledge().getNoRecallReply());
                return;
            }
            knowledgeBlock = knowledgePrompt(chunks);
        }
        Map<String, ToolDefinition> serverTools = new LinkedHashMap<>();
        List<ToolSpecification> specs = new ArrayList<>();
        for (ToolDefinition t : tools.list(job.token(), job.workspaceId(), job.toolIds())) {
            if (!t.getClientSide()) {
                serverTools.put(t.getName(), t);
            }
            specs.add(spec(t.getName(), t.getDescription(), t.getParametersSchema()));
        }
        if (job.knowledgeOnDemand()) {
            specs.add(ToolSpecification.builder().name(KNOWLEDGE_TOOL)
                    .description("Search the bot's knowledge base. Use it when the question may be answered by stored documents.")
                    .parameters(JsonObjectSchema.builder().addStringProperty("query", "what to search for").required("query").build())
                    .build());
        }
        specs.addAll(job.clientTools());

        List<ChatMessage> messages = PromptBuilder.build(job.systemPrompt(), knowledgeBlock, context, job.contextRounds(),
                job.unsaved());
        for (int round = 0; round <= config.engine().maxToolRounds(); round++) {
            long answerId = Ids.next();
            StreamResult result = models.stream(job.model(), messages, specs, deltas(job, run, answerId), run::cancelRequested,
                    progress.startedAt + config.engine().maxChatDuration().toMillis());
            progress.inputTokens += result.inputTokens();
            progress.outputTokens += result.outputTokens();
            progress.fallbacks += result.fallbacks();
            progress.model = result.model();
            switch (result.outcome()) {
                case CANCELED -> {
                    canceled(job, run, progress, answerId, result);
                    return;
                }
                case FAILED -> {
                    keepPartial(job, answerId, result, progress);
                    fail(job, run, progress, new CommonFailure(ConversationErrors.MODEL_FAILED, result.error()));
                    return;
                }
                case TIMEOUT -> {
                    keepPartial(job, answerId, result, progress);
                    fail(job, run, progress, new CommonFailure(ConversationErrors.MODEL_TIMEOUT, result.error()));
                    return;
                }
                case OK -> {
                }
            }
            if (!result.hasToolCalls()) {
                answer(job, run, progress, answerId, result.text(), result.reasoning());
                return;
            }
            if (round == config.engine().maxToolRounds()) {
                // the limit is checked before the calls run: a refused round has no side effects
                break;
            }
            List<ToolExecutionRequest> clientCalls = new ArrayList<>();
            List<ChatMessage> results = new ArrayList<>();
            for (ToolExecutionRequest call : result.toolCalls()) {
                saveAndEmit(job, run, Message.FUNCTION_CALL, functionCallContent(call),
                        callMeta(call), result.reasoning());
            }
            for (ToolExecutionRequest call : result.toolCalls()) {
                if (run.cancelRequested()) {
                    canceled(job, run, progress, null, result);
                    return;
                }
                String output;
                if (KNOWLEDGE_TOOL.equals(call.name()) && job.knowledgeOnDemand()) {
                    String query = lenientArguments(call.arguments()).path("query").asText(question);
                    output = knowledgePrompt(retrieve(job, run, query, progress));
                } else if (serverTools.containsKey(call.name())) {
                    output = executeTool(job, serverTools.get(call.name()), call);
                } else {
                    clientCalls.add(call);
                    continue;
                }
                saveAndEmit(job, run, Message.TOOL_RESPONSE, output, callMeta(call), null);
                results.add(ToolExecutionResultMessage.from(call, output));
            }
            if (!clientCalls.isEmpty()) {
                requireAction(job, run, progress, clientCalls);
                return;
            }
            messages.add(AiMessage.from(result.toolCalls()));
            messages.addAll(results);
        }
        fail(job, run, progress, new CommonFailure(ConversationErrors.TOOL_LOOP,
                "the model asked for tools more than " + config.engine().maxToolRounds() + " times in a row"));
    }

    private String questionText(ChatJob job, Context context) {
        if (context.question() != null) {
            return context.question().content;
        }
        for (int i = job.unsaved().size() - 1; i >= 0; i--) {
            if (Message.USER.equals(job.unsaved().get(i).role())) {
                return job.unsaved().get(i).content();
            }
        }
        return "";
    }

    private StreamListener deltas(ChatJob job, ChatRun run, long answerId) {
        return new StreamListener() {
            @Override
            public void onText(String delta) {
                run.emit(event(ChatEvent.MESSAGE_DELTA, delta(job, answerId, delta, null)));
            }

            @Override
            public void onReasoning(String delta) {
                run.emit(event(ChatEvent.MESSAGE_DELTA, delta(job, answerId, "", delta)));
            }
        };
    }

    private static MessageView delta(ChatJob job, long answerId, String content, String reasoning) {
        long now = System.currentTimeMillis() / 1000;
        return new MessageView(Long.toString(answerId), Long.toString(job.conversationId()), MessageView.str(job.botId()),
                Long.toString(job.chatId()), Long.toString(job.sectionId()), Message.ASSISTANT, Message.ANSWER, content,
                "text", Map.of(), reasoning, MessageView.str(job.questionId()), null, null, null, now, now);
    }

    private List<RetrievedChunk> retrieve(ChatJob job, ChatRun run, String query, Progress progress) {
        saveAndEmitTransient(job, run, verbose("knowledge_retrieve_start", Json.object().put("query", query)));
        RetrieveRequest.Builder request = RetrieveRequest.newBuilder().setWorkspaceId(Long.toString(job.workspaceId()))
                .addAllDatasetIds(job.knowledge().getDatasetIdsList()).setQuery(query)
                .setTopK(job.knowledge().getTopK()).setMinScore(job.knowledge().getMinScore())
                .setSearchStrategy(job.knowledge().getSearchStrategy());
        KnowledgeClient.Retrieval retrieval = knowledge.retrieve(job.token(), request.build());
        ArrayNode docs = Json.MAPPER.createArrayNode();
        for (RetrievedChunk c : retrieval.chunks()) {
            ObjectNode d = docs.addObject().put("chunk_id", c.getChunkId()).put("dataset_id", c.getDatasetId())
                    .put("document_id", c.getDocumentId()).put("document_name", c.getDocumentName())
                    .put("output", c.getContent()).put("score", c.getScore());
            if (!c.getUrl().isEmpty()) {
                d.put("url", c.getUrl());
            }
            progress.citations.put(c.getChunkId(), c.getDocumentName());
        }
        ObjectNode data = Json.object();
        data.set("output_list", docs);
        if (retrieval.error() != null) {
            data.put("error", retrieval.error());
        }
        saveAndEmit(job, run, Message.VERBOSE, verbose("knowledge_recall", data), Map.of(), null);
        return retrieval.chunks();
    }

    private String knowledgePrompt(List<RetrievedChunk> chunks) {
        if (chunks.isEmpty()) {
            return "No relevant passages were found in the knowledge base.";
        }
        StringBuilder sb = new StringBuilder("Answer using these passages from the knowledge base when they are relevant:\n");
        int budget = config.engine().maxKnowledgeChars();
        int n = 1;
        for (RetrievedChunk c : chunks) {
            String piece = "[" + n++ + "] " + (c.getDocumentName().isEmpty() ? "" : c.getDocumentName() + ": ") + c.getContent() + "\n";
            if (piece.length() > budget) {
                break;
            }
            budget -= piece.length();
            sb.append(piece);
        }
        return sb.toString();
    }

    private String executeTool(ChatJob job, ToolDefinition tool, ToolExecutionRequest call) {
        ExecuteToolResponse response = tools.execute(job.token(), ExecuteToolRequest.newBuilder()
                .setWorkspaceId(Long.toString(job.workspaceId())).setToolId(tool.getToolId())
                .setArgumentsJson(call.arguments() == null ? "{}" : call.arguments()).setBotId((job.botId() == null ? "" : Long.toString(job.botId())))
                .setConversationId(Long.toString(job.conversationId())).setUserId(job.endUserId())
                .setConnectorId(job.connectorId()).build());
        if (response.getIsError()) {
            return "Error: " + (response.getErrorMessage().isEmpty() ? response.getOutput() : response.getErrorMessage());
        }
        return response.getOutput();
    }

    private void answerDirectly(ChatJob job, ChatRun run, Progress progress, String text) {
        long answerId = Ids.next();
        run.emit(event(ChatEvent.MESSAGE_DELTA, delta(job, answerId, text, null)));
        answer(job, run, progress, answerId, text, "");
    }

    private void answer(ChatJob job, ChatRun run, Progress progress, long answerId, String text, String reasoning) {
        Map<String, String> meta = new LinkedHashMap<>();
        if (!progress.citations.isEmpty() && job.knowledge() != null && job.knowledge().getShowSource()) {
            meta.put("citations", Json.write(progress.citations.entrySet().stream()
                    .map(e -> Map.of("chunk_id", e.getKey(), "document_name", e.getValue())).collect(Collectors.toList())));
        }
        Message answer = store.save(job, answerId, Message.ANSWER, text, meta, reasoning, progress.inputTokens,
                progress.outputTokens, progress.latency());
        run.emit(event(ChatEvent.MESSAGE_COMPLETED, MessageView.of(answer)));
        run.emit(event(ChatEvent.MESSAGE_COMPLETED, MessageView.of(transientVerbose(job, FINISH_MARKER))));
        if (job.suggestFollowUps() && !run.cancelRequested()) {
            followUps(job, run, progress, text);
        }
        Chat chat = store.complete(job, job.autoSave() ? answerId : null, progress.inputTokens, progress.outputTokens,
                progress.latency(), progress.model);
        run.emit(event(Chat.COMPLETED.equals(chat.status) ? ChatEvent.CHAT_COMPLETED : ChatEvent.CHAT_FAILED, ChatView.of(chat)));
        run.finish(chat.status);
        if (job.autoSave()) {
            summarizer.maybeSummarize(job);
        }
    }

    /**
     * Up to three questions the user might ask next, from the model, as {@code follow_up} messages. A failure
     * only means no suggestions.
     */
    private void followUps(ChatJob job, ChatRun run, Progress progress, String answer) {
        String question = questionText(job, store.context(job));
        List<ChatMessage> prompt = List.of(SystemMessage.from(FOLLOW_UP_INSTRUCTIONS),
                UserMessage.from("Question: " + question + "\n\nAnswer: " + answer));
        StreamResult result = models.stream(job.model(), prompt, List.of(), StreamListener.NONE, run::cancelRequested,
                progress.startedAt + config.engine().maxChatDuration().toMillis());
        if (!result.ok()) {
            LOG.debugf("chat %d: no follow-up suggestions (%s)", job.chatId(), result.error());
            return;
        }
        progress.inputTokens += result.inputTokens();
        progress.outputTokens += result.outputTokens();
        result.text().lines().map(l -> l.replaceFirst("^\\s*(?:(?:[-*•]|\\d+[.)])\\s*)+", "").strip())
                .filter(l -> !l.isEmpty()).limit(3)
                .forEach(l -> saveAndEmit(job, run, Message.FOLLOW_UP, l, Map.of(), null));
    }

    private void requireAction(ChatJob job, ChatRun run, Progress progress, List<ToolExecutionRequest> calls) {
        ObjectNode action = Json.object().put("type", "submit_tool_outputs");
        ArrayNode list = action.putObject("submit_tool_outputs").putArray("tool_calls");
        for (ToolExecutionRequest call : calls) {
            ObjectNode c = list.addObject().put("id", call.id() == null ? "" : call.id()).put("type", "function");
            c.putObject("function").put("name", call.name()).put("arguments", call.arguments() == null ? "{}" : call.arguments());
        }
        Chat chat = store.requireAction(job, Json.write(action), progress.inputTokens, progress.outputTokens,
                progress.latency(), progress.model);
        if (Chat.CANCELED.equals(chat.status)) {
            run.emit(event(ChatEvent.CHAT_FAILED, ChatView.canceled(chat)));
        } else {
            run.emit(event(ChatEvent.CHAT_REQUIRES_ACTION, ChatView.of(chat)));
        }
        run.finish(chat.status);
    }

    private void canceled(ChatJob job, ChatRun run, Progress progress, Long answerId, StreamResult partial) {
        Long saved = null;
        if (answerId != null && partial.text() != null && !partial.text().isEmpty()) {
            store.save(job, answerId, Message.ANSWER, partial.text(), Map.of("interrupted", "true"), partial.reasoning(),
                    progress.inputTokens, progress.outputTokens, progress.latency());
            saved = answerId;
        }
        Chat chat = store.cancel(job, saved, progress.inputTokens, progress.outputTokens, progress.latency(), progress.model);
        run.emit(event(ChatEvent.CHAT_FAILED, ChatView.canceled(chat)));
        run.finish(chat.status);
    }

    /**
     * Ends a run from outside when its own thread did not stop in time after a cancel: the stream gets its last
     * events now; whatever the run emits later is dropped ({@link ChatRun#finish}).
     */
    public void endCanceled(ChatRun run, Chat chat) {
        run.emit(event(ChatEvent.CHAT_FAILED, ChatView.canceled(chat)));
        run.finish(Chat.CANCELED);
    }

    private void fail(ChatJob job, ChatRun run, Progress progress, CommonFailure failure) {
        try {
            Chat chat = store.fail(job, failure.code(), failure.message(), progress.inputTokens, progress.outputTokens,
                    progress.latency(), progress.model);
            run.emit(event(ChatEvent.CHAT_FAILED, ChatView.of(chat)));
            run.finish(chat.status);
        } catch (RuntimeException e) {
            LOG.errorf(e, "chat %d: the failure could not be stored", job.chatId());
            run.emit(new ChatEvent(ChatEvent.ERROR, Json.write(Map.of("code", failure.code().code(), "msg", failure.message()))));
            run.finish(Chat.FAILED);
        }
    }

    private void saveAndEmit(ChatJob job, ChatRun run, String type, String content, Map<String, String> meta, String reasoning) {
        Message m = store.save(job, Ids.next(), type, content, meta, reasoning, 0, 0, 0);
        run.emit(event(ChatEvent.MESSAGE_COMPLETED, MessageView.of(m)));
    }

    private void saveAndEmitTransient(ChatJob job, ChatRun run, String content) {
        run.emit(event(ChatEvent.MESSAGE_COMPLETED, MessageView.of(transientVerbose(job, content))));
    }

    private static Message transientVerbose(ChatJob job, String content) {
        Message m = new Message();
        m.id = Ids.next();
        m.conversationId = job.conversationId();
        m.botId = job.botId();
        m.chatId = job.chatId();
        m.sectionId = job.sectionId();
        m.role = Message.ASSISTANT;
        m.type = Message.VERBOSE;
        m.content = content;
        m.contentType = "text";
        m.metaData = "{}";
        m.replyTo = job.questionId();
        m.createdAt = java.time.Instant.now();
        m.updatedAt = m.createdAt;
        return m;
    }

    /** Meta data naming a tool call; providers may omit the id, so nothing here may be null. */
    private static Map<String, String> callMeta(ToolExecutionRequest call) {
        return Map.of("tool_call_id", call.id() == null ? "" : call.id(), "name", call.name() == null ? "" : call.name());
    }

    /** The model's arguments as JSON; arguments that are not JSON count as none. */
    private static com.fasterxml.jackson.databind.JsonNode lenientArguments(String arguments) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = Json.MAPPER.readTree(arguments == null ? "{}" : arguments);
            return node == null ? Json.object() : node;
        } catch (JsonProcessingException e) {
            return Json.object();
        }
    }

    /** What the model streamed before it failed stays visible in history, marked interrupted. */
    private void keepPartial(ChatJob job, long answerId, StreamResult result, Progress progress) {
        if (result.text() != null && !result.text().isEmpty()) {
            store.save(job, answerId, Message.ANSWER, result.text(), Map.of("interrupted", "true"), result.reasoning(),
                    progress.inputTokens, progress.outputTokens, progress.latency());
        }
    }

    private static String verbose(String msgType, ObjectNode data) {
        return Json.write(Map.of("msg_type", msgType, "data", Json.write(data), "from_unit", ""));
    }

    private static String functionCallContent(ToolExecutionRequest call) {
        return Json.write(Map.of("id", call.id() == null ? "" : call.id(), "name", call.name() == null ? "" : call.name(),
                "arguments", call.arguments() == null ? "{}" : call.arguments()));
    }

    /** A tool definition as the model sees it; a schema that does not parse offers the tool without parameters. */
    static ToolSpecification spec(String name, String description, String schemaJson) {
        return ToolSpecification.builder().name(name).description(description)
                .parameters(ToolSchemas.parse(schemaJson)).build();
    }

    private ChatEvent event(String name, Object data) {
        try {
            return new ChatEvent(name, mapper.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data cannot be written", e);
        }
    }
}

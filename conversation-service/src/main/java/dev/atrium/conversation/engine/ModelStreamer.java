package dev.atrium.conversation.engine;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import dev.atrium.conversation.config.ConversationConfig;
import dev.atrium.core.egress.EgressPolicy;
import dev.atrium.core.error.DomainException;
import dev.atrium.proto.bot.v1.ModelTarget;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Streams one model answer through langchain4j, trying the fallback chain when a model fails before its
 * first token. The caller's (virtual) thread waits on a queue fed by langchain4j's callbacks, so every wait
 * has a deadline (first token, idle gap) and a cancel check, and no event-loop thread ever blocks.
 * Clients are cached per provider endpoint and key; the model name and sampling go with each request.
 */
@ApplicationScoped
public class ModelStreamer {

    private static final Logger LOG = Logger.getLogger(ModelStreamer.class);
    private static final long SLICE_MS = 100;
    private static final int MAX_CLIENTS = 1000;

    private sealed interface Signal permits Text, Thinking, Done, Failed {
    }

    private record Text(String delta, StreamingHandle handle) implements Signal {
    }

    private record Thinking(String delta, StreamingHandle handle) implements Signal {
    }

    private record Done(ChatResponse response) implements Signal {
    }

    private record Failed(Throwable error) implements Signal {
    }

    private final ConversationConfig config;
    private final EgressPolicy egress;
    private final Map<String, StreamingChatModel> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StreamingChatModel> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public ModelStreamer(ConversationConfig config, EgressPolicy egress) {
        this.config = config;
        this.egress = egress;
    }

    /**
     * Streams the answer to {@code messages}. Text and reasoning deltas go to {@code listener} as they come.
     * Returns when the model finished, failed, timed out or {@code cancelled} turned true.
     */
    public StreamResult stream(ModelParams params, List<ChatMessage> messages, List<ToolSpecification> tools,
                               StreamListener listener, BooleanSupplier cancelled) {
        return stream(params, messages, tools, listener, cancelled,
                System.currentTimeMillis() + config.engine().maxChatDuration().toMillis());
    }

    /** As above, ending with a timeout at {@code deadlineMillis} (epoch) however the model behaves. */
    public StreamResult stream(ModelParams params, List<ChatMessage> messages, List<ToolSpecification> tools,
                               StreamListener listener, BooleanSupplier cancelled, long deadlineMillis) {
        String lastError = "no model configured";
        StreamResult.Outcome lastOutcome = StreamResult.Outcome.FAILED;
        int fallbacks = 0;
        for (ModelTarget target : params.chain()) {
            Attempt attempt = attempt(target, params, messages, tools, listener, cancelled, deadlineMillis);
            if (attempt.result != null) {
                StreamResult r = attempt.result;
                return new StreamResult(r.outcome(), r.text(), r.reasoning(), r.toolCalls(), r.aiMessage(),
                        r.inputTokens(), r.outputTokens(), r.model(), fallbacks, r.error());
            }
            lastError = attempt.error;
            lastOutcome = attempt.outcome;
            fallbacks++;
            LOG.infof("model %s of provider %s failed before its first token (%s); %s", target.getModel(),
                    target.getProviderId(), attempt.error,
                    fallbacks < params.chain().size() ? "trying the next model of the chain" : "no model left");
        }
        return new StreamResult(lastOutcome, "", "", List.of(), null, 0, 0, params.primary().getModel(), fallbacks,
                lastError);
    }

    /** One model's try: a result once it produced anything, else {@code error} (the next model may try). */
    private record Attempt(StreamResult result, StreamResult.Outcome outcome, String error) {
    }

    private Attempt attempt(ModelTarget target, ModelParams params, List<ChatMessage> messages,
                            List<ToolSpecification> tools, StreamListener listener, BooleanSupplier cancelled,
                            long deadlineMillis) {
        StreamingChatModel model;
        try {
            egress.check(URI.create(target.getBaseUrl()));
            model = client(target);
        } catch (DomainException | IllegalArgumentException e) {
            // the refused address is not repeated: a base URL may carry credentials
            return new Attempt(null, StreamResult.Outcome.FAILED, "the provider's address is not allowed");
        }
        BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        model.chat(request(target, params, messages, tools), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                signals.add(new Text(partial.text(), context.streamingHandle()));
            }

            @Override
            public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
                signals.add(new Thinking(partial.text(), context.streamingHandle()));
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                signals.add(new Done(response));
            }

            @Override
            public void onError(Throwable error) {
                signals.add(new Failed(error));
            }
        });

        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean started = false;
        StreamingHandle handle = null;
        long waitedMs = 0;
        while (true) {
            if (System.currentTimeMillis() >= deadlineMillis) {
                cancel(handle);
                String why = "the chat ran longer than " + config.engine().maxChatDuration().toMinutes() + " min";
                return new Attempt(result(StreamResult.Outcome.TIMEOUT, text, reasoning, null, target, why), null, null);
            }
            if (cancelled.getAsBoolean()) {
                LOG.debugf("model %s: stream canceled", target.getModel());
                cancel(handle);
                return new Attempt(result(StreamResult.Outcome.CANCELED, text, reasoning, null, target, "canceled"), null, null);
            }
            Signal s;
            try {
                s = signals.poll(SLICE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel(handle);
                return new Attempt(result(StreamResult.Outcome.CANCELED, text, reasoning, null, target, "interrupted"), null, null);
            }
            if (s == null) {
                waitedMs += SLICE_MS;
                Duration limit = started ? config.engine().idleTimeout() : config.engine().firstTokenTimeout();
                if (waitedMs >= limit.toMillis()) {
                    cancel(handle);
                    String why = started ? "the model stopped sending for " + limit.toSeconds() + " s"
                            : "no first token within " + limit.toSeconds() + " s";
                    if (!started) {
                        return new Attempt(null, StreamResult.Outcome.TIMEOUT, why);
                    }
                    return new Attempt(result(StreamResult.Outcome.TIMEOUT, text, reasoning, null, target, why), null, null);
                }
                continue;
            }
            waitedMs = 0;
            switch (s) {
                case Text t -> {
                    started = true;
                    handle = t.handle();
                    if (t.delta() != null && !t.delta().isEmpty()) {
                        text.append(t.delta());
                        listener.onText(t.delta());
                    }
                }
                case Thinking t -> {
                    started = true;
                    handle = t.handle();
                    if (t.delta() != null && !t.delta().isEmpty()) {
                        reasoning.append(t.delta());
                        listener.onReasoning(t.delta());
                    }
                }
                case Done d -> {
                    return new Attempt(result(StreamResult.Outcome.OK, text, reasoning, d.response(), target, null), null, null);
                }
                case Failed f -> {
                    String why = describe(f.error(), target.getApiKey());
                    if (!started) {
                        return new Attempt(null, StreamResult.Outcome.FAILED, why);
                    }
                    return new Attempt(result(StreamResult.Outcome.FAILED, text, reasoning, null, target, why), null, null);
                }
            }
        }
    }

    private static StreamResult result(StreamResult.Outcome outcome, StringBuilder text, StringBuilder reasoning,
                                       ChatResponse response, ModelTarget target, String error) {
        String finalText = text.toString();
        if (response != null && response.aiMessage() != null && response.aiMessage().text() != null && finalText.isEmpty()) {
            finalText = response.aiMessage().text();
        }
        TokenUsage usage = response == null ? null : response.tokenUsage();
        return new StreamResult(outcome, finalText, reasoning.toString(),
                response == null || response.aiMessage() == null ? List.of() : response.aiMessage().toolExecutionRequests(),
                response == null ? null : response.aiMessage(),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(),
                target.getModel(), 0, error);
    }

    private static void cancel(StreamingHandle handle) {
        if (handle != null && !handle.isCancelled()) {
            handle.cancel();
        }
    }

    /** A provider error without anything that could hold a credential: the exception type and first line. */
    static String describe(Throwable error, String apiKey) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = error.getMessage() == null ? root.getClass().getSimpleName() : error.getMessage();
        message = message.lines().findFirst().orElse("");
        if (apiKey != null && apiKey.length() >= 4) {
            message = message.replace(apiKey, "[redacted]");
        }
        message = message.replaceAll("(?i)(sk|key|bearer|token|api[_-]?key)[\"'=: -]*[A-Za-z0-9_\\-]{8,}", "[redacted]")
                .replaceAll("AIza[A-Za-z0-9_\\-]{20,}", "[redacted]");
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    private ChatRequest request(ModelTarget target, ModelParams params, List<ChatMessage> messages,
                                List<ToolSpecification> tools) {
        OpenAiChatRequestParameters.Builder p = OpenAiChatRequestParameters.builder().modelName(target.getModel())
                .temperature(params.temperature()).topP(params.topP()).maxOutputTokens(params.maxTokens())
                .presencePenalty(params.presencePenalty()).frequencyPenalty(params.frequencyPenalty());
        if (!tools.isEmpty()) {
            p.toolSpecifications(tools);
        }
        return ChatRequest.builder().messages(messages).parameters(p.build()).build();
    }

    private StreamingChatModel client(ModelTarget target) {
        String key = target.getBaseUrl() + "|" + fingerprint(target.getApiKey());
        synchronized (clients) {
            return clients.computeIfAbsent(key, k -> OpenAiStreamingChatModel.builder()
                    .baseUrl(target.getBaseUrl())
                    .apiKey(target.getApiKey().isEmpty() ? "none" : target.getApiKey())
                    .returnThinking(true)
                    .timeout(config.engine().maxChatDuration())
                    .build());
        }
    }

    private static String fingerprint(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.atrium.conversation.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.config.ConversationConfig;
import dev.atrium.conversation.service.ChatStore;
import dev.atrium.core.error.DomainException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The chats running on this replica, each on its own virtual thread, at most
 * {@code atrium.conversation.engine.max-running-chats} at once. A cancel request may arrive at any replica:
 * it is written to the chat's row, and each replica looks for such rows among its own running chats a few
 * times a second.
 */
@ApplicationScoped
public class ChatRegistry {

    private static final Logger LOG = Logger.getLogger(ChatRegistry.class);

    private final Map<Long, ChatRun> runs = new ConcurrentHashMap<>();
    private final ConversationConfig config;
    private final ChatStore store;
    private final Semaphore slots;
    private ExecutorService executor;
    private ScheduledExecutorService poller;

    public ChatRegistry(ConversationConfig config, ChatStore store, MeterRegistry meters) {
        this.config = config;
        this.store = store;
        this.slots = new Semaphore(config.engine().maxRunningChats());
        meters.gauge("atrium.chats.running", runs, Map::size);
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chat-", 0).factory());
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chat-cancel-poller").daemon().factory());
        long every = config.engine().cancelPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollCancels, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        poller.shutdownNow();
        runs.values().forEach(ChatRun::cancel);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reserves a slot for a new chat, or 503 when this replica is full. */
    public void reserve() {
        if (!slots.tryAcquire()) {
            throw new DomainException(ConversationErrors.OVERLOADED);
        }
    }

    public void release() {
        slots.release();
    }

    /** Runs {@code body} for {@code run} on a virtual thread; the slot taken by {@link #reserve} is freed after. */
    public void launch(ChatRun run, Runnable body) {
        runs.put(run.chatId(), run);
        executor.execute(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "chat %d crashed", run.chatId());
            } finally {
                runs.remove(run.chatId());
                slots.release();
            }
        });
    }

    public Optional<ChatRun> find(long chatId) {
        return Optional.ofNullable(runs.get(chatId));
    }

    private void pollCancels() {
        if (runs.isEmpty()) {
            return;
        }
        try {
            List<Long> cancelled = store.cancelRequested(List.copyOf(runs.keySet()));
            cancelled.forEach(id -> find(id).ifPresent(ChatRun::cancel));
        } catch (RuntimeException e) {
            LOG.debugf("cancel poll failed: %s", e.getMessage());
        }
    }
}

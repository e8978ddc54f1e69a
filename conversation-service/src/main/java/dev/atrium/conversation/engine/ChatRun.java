package dev.atrium.conversation.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A chat running on this replica: the events it emitted so far (a late listener gets them replayed, so
 * nothing between "started" and "subscribed" is lost), its listeners, and its cancel flag. The run ends with
 * {@link ChatEvent#DONE_EVENT}.
 */
public final class ChatRun {

    private final long chatId;
    private final long conversationId;
    private final List<ChatEvent> history = new ArrayList<>();
    private final List<Consumer<ChatEvent>> listeners = new ArrayList<>();
    private final CompletableFuture<String> finished = new CompletableFuture<>();
    private volatile boolean cancelRequested;

    public ChatRun(long chatId, long conversationId) {
        this.chatId = chatId;
        this.conversationId = conversationId;
    }

    public long chatId() {
        return chatId;
    }

    public long conversationId() {
        return conversationId;
    }

    public void emit(ChatEvent event) {
        List<Consumer<ChatEvent>> targets;
        synchronized (this) {
            if (finished.isDone()) {
                return;
            }
            history.add(event);
            targets = List.copyOf(listeners);
        }
        for (Consumer<ChatEvent> listener : targets) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a listener whose client went away must not stop the chat for the others
                unsubscribe(listener);
            }
        }
    }

    /** Ends the run with the chat's final status. */
    public void finish(String status) {
        emit(ChatEvent.DONE_EVENT);
        synchronized (this) {
            finished.complete(status);
            listeners.clear();
        }
    }

    /** Listens from the start: what was emitted so far is replayed first, in order. */
    public synchronized void subscribe(Consumer<ChatEvent> listener) {
        // under the lock, so no event can slip between the replay and the live ones
        history.forEach(listener);
        if (!finished.isDone()) {
            listeners.add(listener);
        }
    }

    public synchronized void unsubscribe(Consumer<ChatEvent> listener) {
        listeners.remove(listener);
    }

    /** A queue that receives every event of the run, for a thread that writes them out. */
    public BlockingQueue<ChatEvent> queue() {
        BlockingQueue<ChatEvent> queue = new LinkedBlockingQueue<>();
        subscribe(queue::add);
        return queue;
    }

    public CompletableFuture<String> finished() {
        return finished;
    }

    public void cancel() {
        cancelRequested = true;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }
}

package dev.atrium.core.event;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The life of a background Kafka consumer: its own daemon thread, started once, and a stop that wakes the
 * consumer out of {@code poll} and waits briefly for the thread to end. Consumers that need their own thread
 * (every replica reads everything, or the work must leave the event loop) share this instead of each keeping
 * a latch, a thread and a consumer reference.
 */
public final class ConsumerThread {

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile KafkaConsumer<?, ?> consumer;
    private Thread thread;

    public synchronized void start(String name, Runnable body) {
        if (thread == null) {
            thread = Thread.ofPlatform().name(name).daemon().start(body);
        }
    }

    /** False once {@link #stop} was called: the loop should end. */
    public boolean running() {
        return stop.getCount() > 0;
    }

    /** The consumer {@link #stop} must wake; call it when the loop opens one. */
    public void attach(KafkaConsumer<?, ?> c) {
        consumer = c;
    }

    /** Waits up to {@code time}, less when stopping; false when the thread was interrupted (and should end). */
    public boolean pause(Duration time) {
        try {
            stop.await(time.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void stop() {
        stop.countDown();
        KafkaConsumer<?, ?> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package de.lokalebuendnisse.audit.service.replay;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a source on a thread of its own, at most {@code capacity} elements ahead of the one who iterates, in the
 * source's order. The replay reads the stored events so: fetching them over JDBC and deserializing them took about
 * half of the replay thread's samples, and on a second core that overlaps with chaining, reporting and projecting.
 * <p>
 * {@code prepare} runs on the reading thread for each element before it is handed over (the replay deserializes
 * there); what it throws is ignored, since the one who iterates meets the same failure again where it matters.
 * What the source throws is thrown to the one who iterates, at the element where it happened; nothing after it is
 * handed out. Close it before the source: that stops the reading thread and waits for it.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {

    private static final Object END = new Object();

    private record Failure(RuntimeException exception) {
    }

    private final Iterator<T> source;
    private final Consumer<T> prepare;
    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private volatile boolean closed;
    private Object next;

    ReadAhead(Iterator<T> source, int capacity, Consumer<T> prepare, String threadName) {
        this.source = source;
        this.prepare = prepare;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.reader = new Thread(this::read, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!closed && source.hasNext()) {
                T element = source.next();
                try {
                    prepare.accept(element);
                } catch (RuntimeException ignored) {
                    // met again by the one who iterates, where the element is used
                }
                hand(element);
            }
            hand(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                hand(new Failure(e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("reading ahead failed: " + e, e)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for room; gives up once closed (the one who iterates has stopped). */
    private void hand(Object element) throws InterruptedException {
        while (!closed) {
            if (queue.offer(element, 10, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next element", e);
            }
        }
        if (next instanceof Failure failure) {
            throw failure.exception();
        }
        return next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T element = (T) next;
        next = null;
        return element;
    }

    /**
     * Stops the reading thread and waits until it has ended, so the source may be closed after. The thread is not
     * interrupted (an interrupt inside a JDBC read may close the H2 file under every other user): the queue is
     * emptied until the thread, finding room, sees that it is closed; it reads at most one element more.
     */
    @Override
    public void close() {
        closed = true;
        boolean interrupted = false;
        while (reader.isAlive()) {
            queue.clear();
            try {
                reader.join(10);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

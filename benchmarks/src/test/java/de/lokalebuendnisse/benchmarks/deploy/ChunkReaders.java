package de.lokalebuendnisse.benchmarks.deploy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What H2's server does with the event store's file, in small: sixteen long-lived threads (one per connection), each
 * reading a chunk of 3,268,608 bytes (the size in stop 31's failure) into a heap buffer, one after the other, all
 * alive until the last has read. Run in a JVM of its own with the services' options ({@link JvmLimitsTest}); prints
 * {@code read} and exits 0 when every read succeeded, else prints the error and exits 1.
 */
public final class ChunkReaders {

    static final int CHUNK = 3_268_608;
    static final int THREADS = 16;

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("lbf-chunks", ".bin");
        try {
            Files.write(file, new byte[CHUNK]);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                CountDownLatch read = new CountDownLatch(1);
                Thread thread = new Thread(() -> {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                        channel.read(ByteBuffer.allocate(CHUNK), 0);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                    read.countDown();
                    try {
                        done.await(); // alive, as a server thread between requests
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                thread.start();
                threads.add(thread);
                read.await();
            }
            done.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                System.out.println("failed: " + failure.get());
                System.exit(1);
            }
            System.out.println("read");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

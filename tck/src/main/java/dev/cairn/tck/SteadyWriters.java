package dev.cairn.tck;

import static dev.cairn.tck.TransactionsTck.await;
import static dev.cairn.tck.ViewsTck.MAX_WRITES;
import static dev.cairn.tck.ViewsTck.id;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Writers at full speed on a seeded collection, until stopped or {@link ViewsTck#MAX_WRITES} commits:
 * the first updates random records; the second, if asked, deletes a random record present and
 * creates one absent (a tenth of its ids lie past the seeded ones). Started when constructed,
 * once the first commit landed; {@link #close()} stops them and rethrows what they threw.
 */
final class SteadyWriters implements AutoCloseable {
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger writes = new AtomicInteger();
  private final CountDownLatch writing = new CountDownLatch(1);
  private final ExecutorService pool;
  private final List<Future<?>> running = new ArrayList<>();

  SteadyWriters(Store store, int records, int count) {
    pool = Executors.newFixedThreadPool(count);
    for (int w = 0; w < count; w++) {
      boolean toggles = w == 1;
      running.add(pool.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = writes.incrementAndGet(); n <= MAX_WRITES && !stop.get(); n = writes.incrementAndGet()) {
          String value = "w" + n;
          if (toggles) {
            String id = id(random.nextInt(records + records / 10));
            store.update(tx -> {
              if (tx.get(Task.PLAIN, id).isPresent()) {
                tx.delete(Task.PLAIN, id);
              } else {
                tx.create(Task.PLAIN, id, value);
              }
            });
          } else {
            String id = id(random.nextInt(records));
            store.update(tx -> tx.put(Task.PLAIN, id, value));
          }
          writing.countDown();
        }
        return null;
      }));
    }
    await(writing);
  }

  /** Whether the writers made all the commits they may. */
  boolean done() {
    return writes.get() >= MAX_WRITES;
  }

  /** Waits, up to 20 s, until the writers commit again. */
  void awaitMoreWrites() {
    int now = writes.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (writes.get() <= now + 2 && !done()) {
      assertTrue(System.nanoTime() < deadline, "the writers made no commit in 20 s");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  /** Stops the writers and waits for them; rethrows the first failure. */
  void stop() throws Exception {
    stop.set(true);
    pool.shutdown();
    for (Future<?> f : running) {
      f.get(60, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      stop();
    } finally {
      pool.shutdownNow();
    }
  }
}

package dev.cairn.bench.view;

import dev.cairn.ClosedException;
import dev.cairn.Schema;
import dev.cairn.Store;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One writer thread at full speed: {@code store.update(tx -> tx.put(schema, id, value))} of a
 * random id of the listed collection's ids, in the listed collection or another one, with a new
 * value of the same size, again and
 * again with no pause, counting its commits and failures. It is bounded: it stops at
 * {@link #close()}, when the store closes, or by itself once {@code maxRun} has passed (a
 * daemon thread, so that a trial that dies without its tear-down leaves nothing running).
 * Thread-safe.
 */
final class BackgroundWriter implements AutoCloseable {
  private final Store store;
  private final Schema<String> schema;
  private final BiConsumer<String, byte[]> mirror;
  private final long deadline;
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private volatile boolean stopping;
  private volatile RuntimeException firstFailure;
  private volatile long stoppedNanos;

  private BackgroundWriter(Store store, Schema<String> schema, BiConsumer<String, byte[]> mirror, Duration maxRun) {
    this.store = store;
    this.schema = schema;
    this.mirror = mirror;
    this.deadline = startNanos + maxRun.toNanos();
    this.thread = new Thread(this::run, "cairn-bench-view-writer");
    thread.setDaemon(true);
  }

  /**
   * Starts the writer and waits for its first commit (at most 30 s), so that what follows runs
   * under it.
   *
   * @param schema the collection it writes: {@link Items#SCHEMA}, or {@link Items#ELSEWHERE}
   * @param mirror also takes each committed write (id, encoded value): the raw baseline's map
   * @throws IllegalStateException if it made no commit in 30 s (its first failure is the cause)
   */
  static BackgroundWriter start(Store store, Schema<String> schema, BiConsumer<String, byte[]> mirror,
      Duration maxRun) {
    BackgroundWriter w = new BackgroundWriter(store, schema, mirror, maxRun);
    w.thread.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (w.commits.get() == 0) {
      if (System.nanoTime() > until || !w.thread.isAlive()) {
        w.close();
        throw new IllegalStateException("the background writer made no commit", w.firstFailure);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        w.close();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return w;
  }

  private void run() {
    long generation = 0;
    try {
      while (!stopping && System.nanoTime() < deadline) {
        String id = Items.IDS[ThreadLocalRandom.current().nextInt(Items.RECORDS)];
        String value = Items.value(id, ++generation);
        try {
          store.update(tx -> tx.put(schema, id, value));
          mirror.accept(id, schema.codec().encode(value));
          commits.incrementAndGet();
        } catch (ClosedException e) {
          return;
        } catch (RuntimeException e) {
          failures.incrementAndGet();
          if (firstFailure == null) {
            firstFailure = e;
          }
          if (stopping) {
            return;
          }
          Thread.sleep(1); // a failing backend must not become a hot loop of exceptions
        }
      }
    } catch (InterruptedException e) {
      // stopped
    } finally {
      stoppedNanos = System.nanoTime();
    }
  }

  /** Returns the commits made so far. */
  long commits() {
    return commits.get();
  }

  /** Returns the updates that failed so far (each after Cairn's own retries). */
  long failures() {
    return failures.get();
  }

  /** Returns the first failure, or null. */
  RuntimeException firstFailure() {
    return firstFailure;
  }

  /** Returns whether the writer is still writing (not stopped, not past its bound). */
  boolean running() {
    return thread.isAlive() && !stopping;
  }

  /** Returns the commits per second since the start, up to now or to when it stopped. */
  double commitsPerSecond() {
    long end = stoppedNanos != 0 ? stoppedNanos : System.nanoTime();
    return commits.get() / ((end - startNanos) / 1e9);
  }

  /** Stops the writer and waits for its last update to end (at most 60 s). */
  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      System.err.println("view benchmark: the background writer did not stop in 60 s; interrupted (a daemon thread)");
    }
  }
}

package dev.cairn;

import java.time.Duration;
import java.util.Objects;

/**
 * How a store retries, buffers and batches. Immutable; the {@code with…} methods return
 * copies.
 */
public final class StoreOptions {
  private static final StoreOptions DEFAULTS = new StoreOptions(
      64, Duration.ofNanos(200_000), Duration.ofMillis(50), 10_000, 200, 1536 * 1024, null, null);

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int watchBufferEvents;
  private final int batchMaxChanges;
  private final long batchMaxBytes;
  private final String namespace;
  private final ClassLoader classLoader;

  private StoreOptions(int maxAttempts, Duration initialBackoff, Duration maxBackoff, int watchBufferEvents,
      int batchMaxChanges, long batchMaxBytes, String namespace, ClassLoader classLoader) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.watchBufferEvents = watchBufferEvents;
    this.batchMaxChanges = batchMaxChanges;
    this.batchMaxBytes = batchMaxBytes;
    this.namespace = namespace;
    this.classLoader = classLoader;
  }

  /**
   * Returns the defaults: 64 attempts with backoff from 0.2 ms doubling to 50 ms (full
   * jitter), 10,000 buffered watch events, batches of 200 changes or 1.5 MiB.
   */
  public static StoreOptions defaults() {
    return DEFAULTS;
  }

  /** Returns how many times a conflicting transaction runs before {@link TransactionConflictException}. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns the first backoff between attempts. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Returns the largest backoff between attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Returns how many events a watch buffers before it fails as a slow watcher. */
  public int watchBufferEvents() {
    return watchBufferEvents;
  }

  /** Returns the most changes in one transaction of a batch. */
  public int batchMaxChanges() {
    return batchMaxChanges;
  }

  /** Returns the most value bytes in one transaction of a batch. */
  public long batchMaxBytes() {
    return batchMaxBytes;
  }

  /** Returns the namespace to open, or null for the URI's {@code namespace} parameter or {@code default}. */
  public String namespace() {
    return namespace;
  }

  /** Returns the class loader backends are found in, or null for the thread's context class loader. */
  public ClassLoader classLoader() {
    return classLoader;
  }

  /** Sets the attempts of a transaction, at least 1. */
  public StoreOptions withRetries(int attempts, Duration initial, Duration max) {
    if (attempts < 1) {
      throw new InvalidArgumentException("maxAttempts must be at least 1: " + attempts);
    }
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new InvalidArgumentException("backoff must satisfy 0 <= initial <= max: " + initial + ", " + max);
    }
    return new StoreOptions(attempts, initial, max, watchBufferEvents, batchMaxChanges, batchMaxBytes,
        namespace, classLoader);
  }

  /** Sets the watch buffer, at least 1 event. */
  public StoreOptions withWatchBufferEvents(int events) {
    if (events < 1) {
      throw new InvalidArgumentException("watch buffer must hold at least 1 event: " + events);
    }
    return new StoreOptions(maxAttempts, initialBackoff, maxBackoff, events, batchMaxChanges, batchMaxBytes,
        namespace, classLoader);
  }

  /** Sets the batch limits, each at least 1. */
  public StoreOptions withBatchLimits(int maxChanges, long maxBytes) {
    if (maxChanges < 1 || maxBytes < 1) {
      throw new InvalidArgumentException("batch limits must be positive: " + maxChanges + ", " + maxBytes);
    }
    return new StoreOptions(maxAttempts, initialBackoff, maxBackoff, watchBufferEvents, maxChanges, maxBytes,
        namespace, classLoader);
  }

  /** Sets the namespace to open. */
  public StoreOptions withNamespace(String ns) {
    return new StoreOptions(maxAttempts, initialBackoff, maxBackoff, watchBufferEvents, batchMaxChanges,
        batchMaxBytes, Names.checkNamespace(ns), classLoader);
  }

  /** Sets the class loader in which {@link Cairn#open} looks for backend providers. */
  public StoreOptions withClassLoader(ClassLoader loader) {
    return new StoreOptions(maxAttempts, initialBackoff, maxBackoff, watchBufferEvents, batchMaxChanges,
        batchMaxBytes, namespace, Objects.requireNonNull(loader, "loader"));
  }

  @Override
  public String toString() {
    return "StoreOptions{maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff
        + ", watchBufferEvents=" + watchBufferEvents + ", batch=" + batchMaxChanges + "/" + batchMaxBytes
        + "B, namespace=" + namespace + "}";
  }
}

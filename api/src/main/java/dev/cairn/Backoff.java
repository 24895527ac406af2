package dev.cairn;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** Exponential backoff with full jitter between attempts of a transaction. */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;

  Backoff(StoreOptions options) {
    this.initialNanos = options.initialBackoff().toNanos();
    this.maxNanos = options.maxBackoff().toNanos();
  }

  /** Sleeps before attempt {@code attempt} (2 for the first retry). */
  void pause(int attempt) {
    if (initialNanos == 0) {
      Thread.yield();
      return;
    }
    long ceiling = initialNanos << Math.min(attempt - 2, 20);
    if (ceiling <= 0 || ceiling > maxNanos) {
      ceiling = maxNanos;
    }
    long nanos = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    LockSupport.parkNanos(nanos);
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while backing off a conflicting transaction");
    }
  }
}

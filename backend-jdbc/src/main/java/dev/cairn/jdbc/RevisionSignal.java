package dev.cairn.jdbc;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes threads waiting for a new revision: raised by this process's own commits and by the
 * database's notifications; waiters re-read the revision after waking. A raise between a
 * waiter's {@link #epoch()} and its {@link #await} is not lost. Thread-safe.
 */
final class RevisionSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition raised = lock.newCondition();
  private volatile long epoch;
  private volatile int waiters;

  /** Returns the count of raises so far, to pass to {@link #await}. */
  long epoch() {
    return epoch;
  }

  void raise() {
    lock.lock();
    try {
      epoch++;
      if (waiters > 0) {
        raised.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a raise after {@code seen}, or the timeout.
   *
   * @return whether a raise happened
   */
  boolean await(long seen, long nanos) throws InterruptedException {
    lock.lock();
    waiters++;
    try {
      while (epoch == seen && nanos > 0) {
        nanos = raised.awaitNanos(nanos);
      }
      return epoch != seen;
    } finally {
      waiters--;
      lock.unlock();
    }
  }
}

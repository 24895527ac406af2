package dev.cairn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups units into transactions of at most the batch's change and byte limits (and the
 * backend's writes per commit): a unit that would take the open transaction past a limit is
 * rolled back out of it and starts the next one, so only a unit over a limit on its own makes a
 * larger transaction. A conflicting transaction is rebuilt by replaying its units.
 */
final class DefaultBatch implements Batch {
  private final DefaultStore store;
  private final int maxChanges;
  private final long maxBytes;
  /** Units not committed yet, in order; the first {@link #applied} of them are in {@link #tx}. */
  private final List<Consumer<Transaction>> queue = new ArrayList<>();
  private OptimisticTransaction tx;
  private int applied;
  private int attempt = 1;
  private int transactions;
  private long changes;
  private long lastRevision;
  private BatchFailedException failed;

  DefaultBatch(DefaultStore store, StoreOptions options, Capabilities capabilities) {
    this.store = store;
    this.maxChanges = Math.min(options.batchMaxChanges(), capabilities.maxWritesPerCommit());
    this.maxBytes = Math.min(options.batchMaxBytes(), capabilities.maxCommitBytes());
  }

  @Override
  public void update(Consumer<Transaction> unit) {
    if (failed != null) {
      throw failed;
    }
    try {
      queue.add(unit);
      drain(false);
    } catch (RuntimeException e) {
      failed = e instanceof BatchFailedException ? (BatchFailedException) e : new BatchFailedException(result(), e);
      throw failed;
    }
  }

  /** Commits every unit still queued. */
  void flush() {
    if (failed != null) {
      throw failed;
    }
    drain(true);
  }

  /** Applies queued units, committing each transaction that fills; with {@code all}, also the last one. */
  private void drain(boolean all) {
    // A batch transaction that keeps conflicting takes the namespace's writer turn, as an update
    // does; it gives the turn back before the caller's code runs again.
    boolean holdingTurn = false;
    try {
      while (!queue.isEmpty()) {
        if (tx == null) {
          holdingTurn = store.turn().beforeAttempt(attempt, holdingTurn);
        }
        boolean committedOrRetried = drainOne(all);
        if (holdingTurn && attempt == 1) { // committed: the next transaction starts afresh
          store.turn().leave();
          holdingTurn = false;
        }
        if (!committedOrRetried) {
          return;
        }
      }
    } finally {
      if (holdingTurn) {
        store.turn().leave();
      }
    }
  }

  /** Fills the open transaction and commits it if full (or {@code all}); returns false if it waits for more units. */
  private boolean drainOne(boolean all) {
    try {
      boolean full = fill();
      if (!full && !all) {
        return false;
      }
      long revision = tx.commit();
      int written = tx.changeCount();
      if (written > 0) {
        transactions++;
        changes += written;
        lastRevision = revision;
      }
      queue.subList(0, applied).clear();
      attempt = 1;
    } catch (RetrySignal conflict) {
      if (attempt >= store.maxAttempts()) {
        throw new TransactionConflictException("batch transaction in namespace " + store.namespace()
            + " conflicted on all " + attempt + " attempts; last conflict: " + conflict.getMessage());
      }
      attempt++;
      store.backoff().pause(attempt);
    }
    tx = null;
    applied = 0;
    return true;
  }

  /** Applies queued units to the open transaction while they fit; returns whether it is full. */
  private boolean fill() {
    if (tx == null) {
      tx = store.newTransaction(false, attempt);
      applied = 0;
    }
    while (applied < queue.size()) {
      OptimisticTransaction.Savepoint before = applied == 0 ? null : tx.savepoint();
      queue.get(applied).accept(tx);
      if (before != null && (tx.changeCount() > maxChanges || tx.byteCount() > maxBytes)) {
        tx.rollback(before);
        return true;
      }
      applied++;
      if (tx.changeCount() >= maxChanges || tx.byteCount() >= maxBytes) {
        return true;
      }
    }
    return false;
  }

  BatchResult result() {
    return new BatchResult(transactions, changes, lastRevision);
  }
}

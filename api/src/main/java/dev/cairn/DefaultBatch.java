package dev.cairn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups units into transactions of at most the batch's change and byte limits (and the
 * backend's writes per commit), committing each as it fills, replaying its units on conflict.
 */
final class DefaultBatch implements Batch {
  private final DefaultStore store;
  private final int maxChanges;
  private final long maxBytes;
  private final List<Consumer<Transaction>> units = new ArrayList<>();
  private OptimisticTransaction tx;
  private int transactions;
  private long changes;
  private long lastRevision;
  private BatchFailedException failed;

  DefaultBatch(DefaultStore store, StoreOptions options, Capabilities capabilities) {
    this.store = store;
    this.maxChanges = Math.min(options.batchMaxChanges(), capabilities.maxWritesPerCommit());
    this.maxBytes = options.batchMaxBytes();
  }

  @Override
  public void update(Consumer<Transaction> unit) {
    if (failed != null) {
      throw failed;
    }
    try {
      if (tx == null) {
        tx = store.newTransaction(false);
      }
      units.add(unit);
      try {
        unit.accept(tx);
      } catch (RetrySignal conflict) {
        tx = null;
      }
      if (tx == null || tx.changeCount() >= maxChanges || tx.byteCount() >= maxBytes) {
        flush();
      }
    } catch (RuntimeException e) {
      failed = e instanceof BatchFailedException ? (BatchFailedException) e : new BatchFailedException(result(), e);
      throw failed;
    }
  }

  /** Commits the open transaction, if it has units. */
  void flush() {
    if (failed != null) {
      throw failed;
    }
    if (units.isEmpty()) {
      return;
    }
    OptimisticTransaction committing = tx;
    long[] written = {committing == null ? -1 : committing.changeCount()};
    long revision = store.commitBatch(fresh -> {
      for (Consumer<Transaction> unit : units) {
        unit.accept(fresh);
      }
      written[0] = fresh.changeCount();
      return fresh;
    }, committing);
    if (written[0] > 0) {
      transactions++;
      changes += written[0];
      lastRevision = revision;
    }
    units.clear();
    tx = null;
  }

  BatchResult result() {
    return new BatchResult(transactions, changes, lastRevision);
  }
}

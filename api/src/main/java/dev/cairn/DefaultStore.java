package dev.cairn;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/** The store over any backend: the retry loop, watches and batches built on the SPI. */
final class DefaultStore implements Store, BackendAccess {
  private final Shared shared;
  private final String namespace;
  private final Backoff backoff;
  private final WriterTurn turn;

  DefaultStore(Shared shared, String namespace) {
    this.shared = shared;
    this.namespace = Names.checkNamespace(namespace);
    this.backoff = new Backoff(shared.options);
    this.turn = shared.turn(this.namespace);
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Store withNamespace(String other) {
    return new ChildStore(new DefaultStore(shared, other));
  }

  @Override
  public Capabilities capabilities() {
    return shared.backend.capabilities();
  }

  @Override
  public long revision() {
    shared.checkOpen();
    return shared.backend.currentRevision(namespace);
  }

  @Override
  public java.util.List<String> collections() {
    shared.checkOpen();
    return java.util.List.copyOf(shared.backend.collections(namespace));
  }

  @Override
  public long clockMillis() {
    shared.checkOpen();
    return shared.backend.clockMillis();
  }

  @Override
  public dev.cairn.spi.Backend openBackend() {
    shared.checkOpen();
    return shared.backend;
  }

  @Override
  public StoreOptions options() {
    return shared.options;
  }

  /**
   * Starts one attempt of a transaction.
   *
   * @param attempt 1 for the first attempt: only it may check creates at commit (see
   *     {@link OptimisticTransaction#create})
   */
  OptimisticTransaction newTransaction(boolean readOnly, int attempt) {
    shared.checkOpen();
    return new OptimisticTransaction(shared.backend, namespace, shared.backend.capabilities(), backoff, readOnly,
        attempt == 1);
  }

  /** The result of a committed attempt. */
  private record Outcome<R>(R value, long revision) {}

  /**
   * Runs attempts until one commits. A view runs again only when the change feed no longer held
   * what it needed; an update, on every conflict, and takes the namespace's {@link WriterTurn}
   * when it keeps conflicting.
   */
  private <R> Outcome<R> execute(boolean readOnly, Function<? super OptimisticTransaction, ? extends R> body) {
    int attempts = shared.options.maxAttempts();
    RetrySignal last = null;
    boolean holdingTurn = false;
    try {
      for (int attempt = 1; attempt <= attempts; attempt++) {
        if (!readOnly) {
          holdingTurn = turn.beforeAttempt(attempt, holdingTurn);
        }
        OptimisticTransaction tx = newTransaction(readOnly, attempt);
        try {
          R value = body.apply(tx);
          long revision = readOnly ? tx.snapshotRevision() : tx.commit();
          return new Outcome<>(value, revision);
        } catch (RetrySignal conflict) {
          last = conflict;
          if (attempt < attempts) {
            backoff.pause(attempt + 1);
          }
        }
      }
    } finally {
      if (holdingTurn) {
        turn.leave();
      }
    }
    if (readOnly && last.compacted()) {
      throw new CompactedException("view in namespace " + namespace + " could not keep its revision on any of "
          + attempts + " attempts: " + last.getMessage() + ". The store moved on faster than the change feed "
          + "keeps history: keep a longer history (the backend's retention) or make the view shorter");
    }
    throw new TransactionConflictException("transaction in namespace " + namespace + " conflicted on all "
        + attempts + " attempts; last conflict: " + last.getMessage());
  }

  @Override
  public <R> R view(Function<? super ReadTransaction, ? extends R> callback) {
    Objects.requireNonNull(callback, "callback");
    return execute(true, callback).value;
  }

  @Override
  public long update(Consumer<? super Transaction> callback) {
    Objects.requireNonNull(callback, "callback");
    return execute(false, tx -> {
      callback.accept(tx);
      return null;
    }).revision;
  }

  @Override
  public <R> R updateAndGet(Function<? super Transaction, ? extends R> callback) {
    Objects.requireNonNull(callback, "callback");
    return execute(false, callback).value;
  }

  @Override
  public long run(Operator operator) {
    Objects.requireNonNull(operator, "operator");
    long revision = execute(false, tx -> {
      operator.modify(tx);
      operator.commit(tx);
      return null;
    }).revision;
    operator.finish();
    return revision;
  }

  @Override
  public BatchResult batch(Consumer<? super Batch> callback) {
    Objects.requireNonNull(callback, "callback");
    DefaultBatch batch = new DefaultBatch(this, shared.options, shared.backend.capabilities());
    try {
      callback.accept(batch);
      batch.flush();
    } catch (BatchFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BatchFailedException(batch.result(), e);
    }
    return batch.result();
  }

  /** Returns the retry policy's pause between attempts; for batches. */
  Backoff backoff() {
    return backoff;
  }

  /** Returns the namespace's writer turn; for batches. */
  WriterTurn turn() {
    return turn;
  }

  /** Returns how many attempts a transaction gets; for batches. */
  int maxAttempts() {
    return shared.options.maxAttempts();
  }

  @Override
  public Watch watch(long fromRevision, WatchFilter filter) {
    Objects.requireNonNull(filter, "filter");
    if (fromRevision < 1) {
      throw new InvalidArgumentException("watch must start at revision 1 or later: " + fromRevision);
    }
    return new HubWatch(shared.backend, namespace, filter, shared.options.watchBufferEvents(),
        shared.hub(namespace), fromRevision).start();
  }

  @Override
  public Watch watch(WatchFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return watch(revision() + 1, filter);
  }

  @Override
  public <R> ViewAndWatch<R> viewAndWatch(Function<? super ReadTransaction, ? extends R> callback,
      WatchFilter filter) {
    Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(filter, "filter");
    Outcome<R> view = execute(true, callback);
    return new ViewAndWatch<>(view.value, view.revision, watch(view.revision + 1, filter));
  }

  @Override
  public void compact(long revision) {
    shared.checkOpen();
    if (revision < 0) {
      throw new InvalidArgumentException("compaction revision must not be negative: " + revision);
    }
    shared.backend.compact(namespace, revision);
  }

  @Override
  public boolean isWedged() {
    return shared.backend.isWedged();
  }

  @Override
  public void close() {
    shared.close();
  }

  @Override
  public String toString() {
    return "Store{namespace=" + namespace + ", backend=" + shared.backend + "}";
  }
}

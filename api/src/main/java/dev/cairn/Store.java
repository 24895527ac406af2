package dev.cairn;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One namespace of a logical database, opened from a URI with {@link Cairn#open}. Thread-safe.
 *
 * <p>Transactions are optimistic: a callback reads and writes through its transaction, and
 * the commit checks atomically that nothing it read has changed. On a conflict the whole
 * callback runs again, after a jittered backoff, up to the {@link StoreOptions retry policy}'s
 * attempts; so callbacks must have no side effects outside the transaction. An exception
 * thrown by a callback commits nothing and propagates.
 */
public interface Store extends AutoCloseable {

  /** Returns this store's namespace. */
  String namespace();

  /**
   * Returns a store over the same backend in another namespace, which sees none of this one's
   * data. Closing the returned store does nothing (its watches stay open); closing the store
   * opened by {@link Cairn#open} closes the backend and every watch of all its namespaces.
   *
   * @throws InvalidArgumentException if the name is invalid
   */
  Store withNamespace(String namespace);

  /** Returns the backend's capabilities. */
  Capabilities capabilities();

  /** Returns the namespace's latest committed revision. */
  long revision();

  /**
   * Returns the names of this namespace's collections that hold records, sorted; for
   * inspection and export. A collection emptied recently may still be named.
   *
   * @return the names, never null; unmodifiable
   */
  java.util.List<String> collections();

  /**
   * Returns the backend's clock, in milliseconds since the epoch: the clock that leases expire
   * by, the same for every client of one database whatever their own clocks say.
   *
   * @throws UnavailableException if the backend cannot be reached
   */
  long clockMillis();

  /**
   * Runs a read-only callback at one consistent revision: the revision its first read was current
   * at (for a first read that lists a collection, the revision of its newest page). Every later
   * read, point read, listing of any length, index or name lookup, answers as of that revision
   * however busy the store: what was written since is brought back to it from the change feed.
   * So writers never make a view run again while the feed holds the revisions since the view's
   * revision and the versions those writes replaced; the callback runs again only when it does
   * not (compacted), or when the view would keep more than a million changes (or 64 MiB of
   * their values) of history.
   *
   * @return what the callback returned (may be null)
   * @throws CompactedException if every attempt needed change history that was compacted; the
   *     message names the revision and says what to do (keep a longer history)
   * @throws TransactionConflictException if no consistent read was possible in the attempts
   */
  <R> R view(Function<? super ReadTransaction, ? extends R> callback);

  /**
   * Runs a serializable read-write callback and commits its writes. An update conflicts with
   * every commit to what it read between its read and its commit, so one that scans a collection
   * under a steady writer of it would conflict forever; instead, after four conflicts it takes its
   * namespace's turn: this process's other updates of the namespace wait (at most a second)
   * before their next attempt until it has finished, so it commits within six attempts unless
   * other processes write what it read.
   *
   * @return the commit revision, or the read revision if the callback wrote nothing
   * @throws TransactionConflictException if every attempt conflicted
   * @throws VersionConflictException if an explicit compare-and-set failed
   */
  long update(Consumer<? super Transaction> callback);

  /**
   * Like {@link #update(Consumer)}, returning the callback's result.
   *
   * @return what the callback returned in the attempt that committed
   */
  <R> R updateAndGet(Function<? super Transaction, ? extends R> callback);

  /**
   * Runs an {@link Operator}: {@code modify} until a commit succeeds, {@code commit} once in
   * that transaction, then {@code finish} once.
   *
   * @return the commit revision
   */
  long run(Operator operator);

  /**
   * Runs many changes as several transactions of bounded size.
   *
   * @return what committed
   * @throws BatchFailedException if a transaction failed; it says what committed before
   */
  BatchResult batch(Consumer<? super Batch> callback);

  /**
   * Watches the change feed from {@code fromRevision} (inclusive) on.
   *
   * @throws CompactedException if history from that revision is no longer retained
   * @throws InvalidArgumentException if {@code fromRevision} is below 1
   */
  Watch watch(long fromRevision, WatchFilter filter);

  /** Watches changes committed after now. */
  Watch watch(WatchFilter filter);

  /**
   * Reads a consistent view and watches from the revision after it, losing nothing between. The
   * view is a {@link #view} (it completes under writers, once, however much it reads); the watch
   * starts at {@link ViewAndWatch#revision()} + 1.
   *
   * @throws CompactedException if every attempt of the view needed compacted history
   */
  <R> ViewAndWatch<R> viewAndWatch(Function<? super ReadTransaction, ? extends R> callback, WatchFilter filter);

  /** Discards change history up to and including {@code revision}. Records are kept. */
  void compact(long revision);

  /** Returns whether the backend reports a commit lock held too long (swarmkit's wedge). */
  boolean isWedged();

  /** Closes the store: its watches fail with {@link ClosedException}; idempotent. */
  @Override
  void close();
}

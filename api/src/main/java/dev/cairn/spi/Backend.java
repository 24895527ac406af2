package dev.cairn.spi;

import dev.cairn.Capabilities;
import dev.cairn.CompactedException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The service a backend implements: durable storage of records, atomic conditional commits
 * and a change feed, per namespace. Everything else (typed collections, indexes, names,
 * transactions and retries, batches, watch fan-out) Cairn builds once on top of this.
 *
 * <p>Implementations are thread-safe. Namespaces and collections are valid names (checked by
 * Cairn) and spring into existence on first write; a namespace never sees another's data.
 * Every method but {@link #close()} may throw {@link dev.cairn.UnavailableException} when the
 * backend cannot be reached, and {@link dev.cairn.ClosedException} after close.
 */
public interface Backend extends AutoCloseable {

  /** Returns what this backend supports; constant over its life. */
  Capabilities capabilities();

  /** Returns the namespace's latest committed revision, 0 if nothing was ever committed. */
  long currentRevision(String namespace);

  /**
   * Reads one record at the latest revision.
   *
   * @return the record (or its absence) with the revision the read was current at, never null
   */
  RecordRead get(String namespace, String collection, String id);

  /**
   * Reads up to {@code limit} records of a collection whose ids lie in {@code range}, in
   * {@link dev.cairn.Ids#ORDER}, all current at one revision.
   *
   * @param limit at least 1
   */
  ScanResult scan(String namespace, String collection, IdRange range, int limit);

  /**
   * Reads every record of a collection holding {@code key} in {@code index} (or, when
   * {@code prefix} is true, any key starting with {@code key}), in id order, each record once,
   * all current at one revision. {@link ScanResult#more()} is false.
   */
  ScanResult lookup(String namespace, String collection, String index, String key, boolean prefix);

  /**
   * Like {@link #scan}, each record with the index keys of its last write: the read a store
   * export pages through.
   *
   * @param limit at least 1
   */
  IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit);

  /**
   * Returns the names of the namespace's collections that hold at least one record, sorted;
   * may also name collections emptied since (their scans return nothing).
   */
  List<String> collections(String namespace);

  /**
   * Returns the backend's clock, in milliseconds since the epoch: the clock leases expire by.
   * A backend on a server returns the server's clock, so that clients with skewed clocks agree.
   */
  long clockMillis();

  /**
   * Commits atomically: checks every precondition and applies every write under revision
   * {@code currentRevision + 1}, appending the writes to the change feed, or does nothing.
   * Creates keep no create revision from before; updates keep the record's create revision.
   *
   * @return the new revision
   * @throws PreconditionFailedException if a precondition does not hold; nothing was written
   * @throws CommitOutcomeUnknownException if the outcome cannot be known; Cairn then asks
   *     {@link #committedRevision}
   */
  long commit(String namespace, CommitRequest request);

  /**
   * Resolves an unknown commit outcome: the revision the commit with {@code token} applied
   * under, or empty if it did not and, from now on, never will.
   */
  OptionalLong committedRevision(String namespace, String token);

  /**
   * Reads the change feed after {@code afterRevision}: whole transactions, in revision order,
   * stopping after the transaction that brings the count to {@code maxChanges} or more.
   *
   * @return the changes, empty if none is committed after {@code afterRevision}
   * @throws CompactedException if changes right after {@code afterRevision} are no longer kept
   */
  List<Change> changes(String namespace, long afterRevision, int maxChanges);

  /**
   * Blocks until the namespace's revision exceeds {@code afterRevision}, the timeout passes or
   * the thread is interrupted. May return early (spuriously); callers re-check.
   *
   * @return whether the revision is known to exceed {@code afterRevision}
   */
  boolean awaitRevision(String namespace, long afterRevision, Duration timeout) throws InterruptedException;

  /**
   * Discards the change history of revisions up to and including {@code revision} (capped at
   * the current revision); reading changes after a revision below that then fails with
   * {@link CompactedException}. Records are not affected.
   */
  void compact(String namespace, long revision);

  /** Returns whether a commit lock has been held past the backend's wedge timeout. */
  default boolean isWedged() {
    return false;
  }

  /** Releases every resource; idempotent. Blocked {@link #awaitRevision} calls return. */
  @Override
  void close();
}

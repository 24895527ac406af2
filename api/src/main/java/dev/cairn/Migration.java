package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A live migration of one store's namespace into another, possibly on another backend, losing no
 * write of a source that stays in use:
 *
 * <pre>{@code
 * try (Migration m = Migration.start(oldStore, newStore, ProgressListener.NONE)) {
 *   // ... switch the writers over to newStore, then:
 *   m.awaitCaughtUp(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>{@link #start} copies the source as an export then import would (straight from store to
 * store, no file), consistent at a source revision R1; a follower thread then reads the source's
 * change feed from R1 + 1 and applies each source transaction to the target as one commit (several
 * only when it exceeds the target's writes per commit), until {@link #stop()}. It reads the feed
 * as an export pages records, about 4 MiB at a time while change sizes stay alike (see
 * {@link StoreArchive}), though always whole source transactions. As with an import,
 * the target's revisions are its own, and nothing else should write to the target meanwhile.
 *
 * <p>Thread-safe. A failure of the follower (the source's feed compacted past what it applied,
 * a backend unreachable, a store closed) ends it and is thrown by {@link #awaitCaughtUp} and
 * {@link #stop()}; {@link #close()} throws it only if neither did, so that try-with-resources
 * surfaces it once.
 */
public final class Migration implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);

  private final Backend source;
  private final String namespace;
  private final TargetWriter writer;
  private final ImportSummary copy;
  private final ProgressListener listener;
  private final Object lock = new Object();
  private final Thread follower;
  private volatile boolean stopping;
  private volatile long applied;
  /** Guarded by {@link #lock}. */
  private Throwable failure;
  /** Guarded by {@link #lock}. */
  private boolean finished;
  /** Whether {@link #failure} has reached a caller. Guarded by {@link #lock}. */
  private boolean failureThrown;

  private Migration(Backend source, String namespace, TargetWriter writer, ImportSummary copy,
      ProgressListener listener) {
    this.source = source;
    this.namespace = namespace;
    this.writer = writer;
    this.copy = copy;
    this.listener = listener;
    this.applied = copy.archive().revision();
    this.follower = new Thread(this::follow, "cairn-migration-" + namespace);
    follower.setDaemon(true);
  }

  /**
   * Copies {@code from}'s namespace into {@code to}'s, which must hold no record, then starts
   * following {@code from}. Blocks for the copy.
   *
   * @param listener receives {@link Progress.Phase#EXPORT} reports during the copy and
   *     {@link Progress.Phase#FOLLOW} reports (on the follower thread) after each applied transaction;
   *     for both, {@link Progress#records()} counts the records and changes written to the target
   *     in that phase and {@link Progress#bytes()} about their bytes (ids, values, index keys)
   * @return the running migration; close it
   * @throws InvalidArgumentException if the target holds records, both stores are one namespace
   *     of one backend, or a store was not opened by {@link Cairn#open}; nothing was written
   * @throws TooLargeException if a source value exceeds the target's limit (the target then holds
   *     part of the source)
   * @throws CompactedException if the source's feed was compacted during the copy
   * @throws UnavailableException if a backend cannot be reached
   */
  public static Migration start(Store from, Store to, ProgressListener listener) {
    BackendAccess sourceAccess = BackendAccess.of(from, "source");
    BackendAccess targetAccess = BackendAccess.of(to, "target");
    Objects.requireNonNull(listener, "listener");
    Backend source = sourceAccess.openBackend();
    Backend target = targetAccess.openBackend();
    if (source == target && sourceAccess.namespace().equals(targetAccess.namespace())) {
      throw new InvalidArgumentException("cannot migrate namespace " + sourceAccess.namespace() + " into itself");
    }
    TargetWriter.checkEmpty(target, targetAccess.namespace());
    TargetWriter writer = new TargetWriter(target, targetAccess.namespace(), targetAccess.options());
    ProgressMeter meter = new ProgressMeter(listener, Progress.Phase.EXPORT, -1);
    long commitsBefore = writer.commits();
    long revision = new ArchiveExporter(source, sourceAccess.namespace())
        .exportTo(writer, () -> meter.report(writer.entries(), writer.bytes()));
    ExportSummary exported = new ExportSummary(sourceAccess.namespace(), revision, writer.createdMillis(),
        writer.records(), writer.changes(), writer.bytes());
    ImportSummary copy = new ImportSummary(exported, writer.commits() - commitsBefore, writer.lastRevision());
    Migration migration = new Migration(source, sourceAccess.namespace(), writer, copy, listener);
    migration.follower.start();
    return migration;
  }

  /**
   * Migrates {@code from} into {@code to} and returns once the target has applied every source
   * revision up to the source's revision when the copy was done following: start, then
   * {@link #awaitCaughtUp} without a deadline, then {@link #stop()}.
   *
   * @return the last source revision applied to the target
   * @throws InterruptedException if the thread is interrupted while waiting (the migration is stopped)
   * @throws CairnException as {@link #start} and {@link #stop()} do
   * @throws UnavailableException if the follower ended without a failure before catching up
   * @throws Error an Error that ended the follower thread, as it was
   */
  public static long migrate(Store from, Store to, ProgressListener listener) throws InterruptedException {
    try (Migration migration = start(from, to, listener)) {
      if (!migration.awaitCaughtUp(Duration.ofNanos(Long.MAX_VALUE))) {
        migration.stop();
        throw new UnavailableException("migration of namespace " + migration.namespace + " ended after source revision "
            + migration.appliedRevision() + " without catching up");
      }
      migration.stop();
      return migration.appliedRevision();
    }
  }

  /**
   * Returns what the initial copy wrote: the source revision R1 it was consistent at, the records
   * paged and the changes replayed (as an archive's summary counts them), commits, and as
   * {@link ExportSummary#bytes()} about how many bytes of ids, values and index keys it wrote
   * (there is no archive).
   */
  public ImportSummary copy() {
    return copy;
  }

  /** Returns the last source revision whose writes the target holds (R1 right after the copy). */
  public long appliedRevision() {
    return applied;
  }

  /**
   * Waits until the target has applied every source revision up to the source's revision at the
   * time of this call.
   *
   * @param timeout how long to wait at most
   * @return true once caught up; false if the timeout passed or the migration was stopped first
   * @throws InterruptedException if the thread is interrupted while waiting
   * @throws CompactedException if the source's feed was compacted past what the follower applied
   * @throws CairnException any other failure that ended the follower
   * @throws RuntimeException a failure of the listener that ended the follower, as it was
   * @throws Error an Error that ended the follower thread (e.g. an AssertionError of the listener)
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long wait = Objects.requireNonNull(timeout, "timeout").toNanos();
    long goal = source.currentRevision(namespace);
    long start = System.nanoTime();
    synchronized (lock) {
      while (true) {
        if (failure != null) {
          failureThrown = true;
          throw unchecked(failure);
        }
        if (applied >= goal) {
          return true;
        }
        long left = wait - (System.nanoTime() - start);
        if (finished || left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  /**
   * Stops following after the transaction being applied, and waits for the follower to end;
   * idempotent. The target then holds the source's state at {@link #appliedRevision()}.
   *
   * @throws CairnException the failure that ended the follower, if one did (a RuntimeException of
   *     the listener or an Error is thrown as it was)
   */
  public void stop() {
    end(true);
  }

  /**
   * Same as {@link #stop()}, except that a failure already thrown by {@link #awaitCaughtUp} or
   * {@link #stop()} is not thrown again (try-with-resources would add it to itself as suppressed).
   *
   * @throws CairnException the failure that ended the follower, if no call has thrown it yet
   */
  @Override
  public void close() {
    end(false);
  }

  private void end(boolean throwAgain) {
    stopping = true;
    boolean interrupted = false;
    while (follower.isAlive()) {
      try {
        follower.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      if (failure != null && (throwAgain || !failureThrown)) {
        failureThrown = true;
        throw unchecked(failure);
      }
    }
  }

  /** Rethrows what ended the follower as it was: it is a RuntimeException or an Error. */
  private static RuntimeException unchecked(Throwable failure) {
    if (failure instanceof Error e) {
      throw e;
    }
    return (RuntimeException) failure;
  }

  private void follow() {
    Throwable failed = null;
    try {
      ProgressMeter meter = new ProgressMeter(listener, Progress.Phase.FOLLOW, -1);
      long changesBefore = writer.changes();
      long bytesBefore = writer.bytes();
      PageSizer reads = new PageSizer(source.capabilities().maxValueBytes());
      while (!stopping) {
        long current = source.currentRevision(namespace);
        int limit = reads.limit();
        List<Change> changes = changesAfter(applied, limit);
        reads.startRead();
        for (Change c : changes) {
          reads.observe(c.id(), c.value());
        }
        reads.endRead();
        int from = 0;
        while (from < changes.size() && !stopping) {
          long revision = changes.get(from).revision();
          int to = from;
          while (to < changes.size() && changes.get(to).revision() == revision) {
            to++;
          }
          writer.applyTransaction(changes.subList(from, to));
          advance(revision);
          meter.report(writer.changes() - changesBefore, writer.bytes() - bytesBefore);
          from = to;
        }
        if (stopping) {
          break;
        }
        if (changes.size() < limit) {
          // Every change up to current was read: revisions without changes need no write.
          advance(Math.max(applied, current));
          if (applied >= current) {
            source.awaitRevision(namespace, applied, POLL);
          }
        }
      }
    } catch (InterruptedException e) {
      failed = new UnavailableException("migration of namespace " + namespace + " was interrupted after revision "
          + applied, e);
    } catch (RuntimeException | Error e) {
      // An Error too (an AssertionError of a listener, an OutOfMemoryError): the caller must not
      // take a dead follower for one that caught up.
      failed = e;
    } finally {
      synchronized (lock) {
        failure = failed;
        finished = true;
        lock.notifyAll();
      }
    }
  }

  /** Reads the source's feed after {@code revision}, about {@link PageSizer#TARGET_BYTES} at a time. */
  private List<Change> changesAfter(long revision, int limit) {
    try {
      return source.changes(namespace, revision, limit);
    } catch (CompactedException e) {
      throw new CompactedException("migration of namespace " + namespace + " fell behind: the source's change feed"
          + " after revision " + revision + " was compacted; the target holds the source's state at revision "
          + revision + ": migrate again into an empty target", e);
    }
  }

  private void advance(long revision) {
    synchronized (lock) {
      if (revision > applied) {
        applied = revision;
        lock.notifyAll();
      }
    }
  }
}

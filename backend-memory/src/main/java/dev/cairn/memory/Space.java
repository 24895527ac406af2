package dev.cairn.memory;

import dev.cairn.ChangeType;
import dev.cairn.CompactedException;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexedRecord;
import dev.cairn.spi.IndexedScan;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.PreconditionFailedException;
import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import dev.cairn.spi.StoredRecord;
import dev.cairn.spi.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * One namespace of a memory backend. Commits hold the write lock, scans the read lock, and
 * point reads take no lock at all (see {@link #get}). The lock parks rather than spins, which
 * matters when more threads than cores contend.
 */
final class Space {
  private static final int TOKENS_KEPT = 10_000;

  private final String name;
  private final MemoryConfig config;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ConcurrentMap<String, MemoryCollection> collections = new ConcurrentHashMap<>();
  /** The changes of revisions {@code floor + 1} to {@code revision}. */
  private final History history = new History();
  private final TokenLog tokens = new TokenLog(TOKENS_KEPT);
  private volatile long revision;
  private long floor;
  private volatile long commitStartedNanos;

  private final ReentrantLock waitLock = new ReentrantLock();
  private final Condition advanced = waitLock.newCondition();
  private volatile int waiters;

  Space(String name, MemoryConfig config) {
    this.name = name;
    this.config = config;
  }

  long revision() {
    return revision;
  }

  private MemoryCollection collection(String collection) {
    return collections.get(collection);
  }

  /**
   * Reads one record without locking. {@link #apply} bumps a collection's revision before it
   * touches the collection's records, and the namespace's revision after the whole commit, so:
   * a record read after the namespace revision {@code rv} is current at the larger of {@code rv}
   * and its own version; an absence is current at {@code rv} if the collection did not move past
   * {@code rv} meanwhile, and is re-read under the lock otherwise.
   */
  RecordRead get(String collection, String id) {
    long rv = revision;
    MemoryCollection c = collection(collection);
    if (c == null) {
      return new RecordRead(null, rv, 0);
    }
    StoredRecord r = c.get(id);
    long cr = c.revision;
    if (r != null) {
      long at = Math.max(rv, r.modRevision());
      return new RecordRead(r, at, Math.min(cr, at));
    }
    if (cr <= rv) {
      return new RecordRead(null, rv, cr);
    }
    lock.readLock().lock();
    try {
      return new RecordRead(c.get(id), revision, c.revision);
    } finally {
      lock.readLock().unlock();
    }
  }

  ScanResult scan(String collection, IdRange range, int limit) {
    lock.readLock().lock();
    try {
      MemoryCollection c = collection(collection);
      if (c == null) {
        return new ScanResult(List.of(), false, revision, 0);
      }
      List<StoredRecord> out = new ArrayList<>(Math.min(limit, 64));
      boolean more = false;
      for (String id : c.range(range)) {
        if (out.size() == limit) {
          more = true;
          break;
        }
        out.add(c.get(id));
      }
      return new ScanResult(out, more, revision, c.revision);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A {@link #scan} with each record's index keys, read under the same read lock. */
  IndexedScan scanWithIndexKeys(String collection, IdRange range, int limit) {
    lock.readLock().lock(); // reentrant: the scan inside sees the same state
    try {
      ScanResult page = scan(collection, range, limit);
      MemoryCollection c = collection(collection);
      List<IndexedRecord> out = new ArrayList<>(page.records().size());
      for (StoredRecord r : page.records()) {
        out.add(new IndexedRecord(r, c.keysOf(r.id())));
      }
      return new IndexedScan(out, page.more(), page.revision());
    } finally {
      lock.readLock().unlock();
    }
  }

  List<String> collections() {
    List<String> names = new ArrayList<>();
    collections.forEach((name, c) -> {
      if (!c.isEmpty()) {
        names.add(name);
      }
    });
    names.sort(null);
    return names;
  }

  ScanResult lookup(String collection, String index, String key, boolean prefix) {
    lock.readLock().lock();
    try {
      MemoryCollection c = collection(collection);
      if (c == null) {
        return new ScanResult(List.of(), false, revision, 0);
      }
      List<StoredRecord> out = new ArrayList<>();
      for (String id : c.lookup(index, key, prefix)) {
        out.add(c.get(id));
      }
      return new ScanResult(out, false, revision, c.revision);
    } finally {
      lock.readLock().unlock();
    }
  }

  long commit(CommitRequest request, Journal journal) {
    lock.writeLock().lock();
    commitStartedNanos = System.nanoTime();
    try {
      for (Precondition p : request.preconditions()) {
        if (!holds(p)) {
          throw new PreconditionFailedException(p);
        }
      }
      long next = revision + 1;
      if (journal != null) {
        journal.append(name, next, request.token(), request.writes());
      }
      apply(next, request.token(), request.writes());
      return next;
    } finally {
      commitStartedNanos = 0;
      lock.writeLock().unlock();
      wake();
    }
  }

  private boolean holds(Precondition p) {
    MemoryCollection c = collection(p.collection());
    if (p instanceof Precondition.RecordVersion) {
      Precondition.RecordVersion v = (Precondition.RecordVersion) p;
      StoredRecord r = c == null ? null : c.get(v.id());
      return (r == null ? 0 : r.modRevision()) == v.modRevision();
    }
    if (p instanceof Precondition.CollectionUnchanged) {
      return c == null || c.revision <= ((Precondition.CollectionUnchanged) p).revision();
    }
    Precondition.IndexKeyFree free = (Precondition.IndexKeyFree) p;
    if (c == null) {
      return true;
    }
    for (String holder : c.lookup(free.index(), free.key(), false)) {
      if (!free.allowedHolders().contains(holder)) {
        return false;
      }
    }
    return true;
  }

  /** Applies writes under {@code next}; callers hold the write lock (or replay alone). */
  void apply(long next, String token, List<Write> writes) {
    List<Change> changes = new ArrayList<>(writes.size());
    for (Write w : writes) {
      MemoryCollection c = collections.computeIfAbsent(w.collection(), MemoryCollection::new);
      c.revision = next; // before the record changes: see get()
      StoredRecord old = c.get(w.id());
      if (w.isDelete()) {
        if (old == null) {
          continue;
        }
        c.remove(w.id());
        changes.add(new Change(next, ChangeType.DELETE, w.collection(), w.id(), null,
            old.createRevision(), old.modRevision()));
      } else {
        long created = old == null ? next : old.createRevision();
        c.put(new StoredRecord(w.collection(), w.id(), w.value(), created, next), w.indexKeys());
        changes.add(new Change(next, old == null ? ChangeType.CREATE : ChangeType.UPDATE, w.collection(), w.id(),
            w.value(), created, old == null ? 0 : old.modRevision(), w.indexKeys()));
      }
      c.revision = next;
    }
    history.append(next, changes);
    tokens.add(token, next);
    revision = next;
    while (history.size() > config.retention()) {
      floor = history.dropOldest();
    }
  }

  OptionalLong committedRevision(String token) {
    lock.readLock().lock();
    try {
      return tokens.find(token);
    } finally {
      lock.readLock().unlock();
    }
  }

  List<Change> changes(long after, int max) {
    lock.readLock().lock();
    try {
      if (after < floor) {
        throw new CompactedException("namespace " + name + ": history up to revision " + floor
            + " was compacted; cannot read changes after " + after);
      }
      List<Change> out = new ArrayList<>();
      history.collectAfter(after, max, out);
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  void compact(long upTo) {
    lock.writeLock().lock();
    try {
      long target = Math.min(upTo, revision);
      history.dropThrough(target);
      floor = Math.max(floor, target);
    } finally {
      lock.writeLock().unlock();
    }
  }

  boolean awaitRevision(long after, Duration timeout, BooleanSupplier closed) throws InterruptedException {
    long nanos = timeout.toNanos();
    waitLock.lock();
    waiters++;
    try {
      while (revision <= after && nanos > 0 && !closed.getAsBoolean()) {
        nanos = advanced.awaitNanos(nanos);
      }
      return revision > after;
    } finally {
      waiters--;
      waitLock.unlock();
    }
  }

  private void wake() {
    if (waiters > 0) {
      waitLock.lock();
      try {
        advanced.signalAll();
      } finally {
        waitLock.unlock();
      }
    }
  }

  void wakeAll() {
    waitLock.lock();
    try {
      advanced.signalAll();
    } finally {
      waitLock.unlock();
    }
  }

  boolean isWedged() {
    long started = commitStartedNanos;
    return started != 0 && System.nanoTime() - started > config.wedgeTimeout().toNanos();
  }

  void holdingCommitLock(Runnable action) {
    lock.writeLock().lock();
    commitStartedNanos = System.nanoTime();
    try {
      action.run();
    } finally {
      commitStartedNanos = 0;
      lock.writeLock().unlock();
    }
  }

  /**
   * Visits every record with its index keys under the read lock, for snapshots.
   *
   * @return the revision the visited records are at
   */
  long forEachRecord(BiConsumer<StoredRecord, Map<String, Set<String>>> visitor) {
    lock.readLock().lock();
    try {
      for (MemoryCollection c : collections.values()) {
        for (StoredRecord r : c.all()) {
          visitor.accept(r, c.keysOf(r.id()));
        }
      }
      return revision;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Sets the revision a snapshot was taken at, before its records are restored: revisions go on
   * from it, and the history before it counts as compacted.
   */
  void restoreRevision(long snapshotRevision) {
    lock.writeLock().lock();
    try {
      history.clear();
      revision = snapshotRevision;
      floor = snapshotRevision;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Restores one record of a snapshot with its index keys, without a change event. */
  void restore(StoredRecord record, Map<String, Set<String>> indexKeys) {
    lock.writeLock().lock();
    try {
      MemoryCollection c = collections.computeIfAbsent(record.collection(), MemoryCollection::new);
      c.put(record, indexKeys);
      c.revision = Math.max(c.revision, record.modRevision());
    } finally {
      lock.writeLock().unlock();
    }
  }

  String name() {
    return name;
  }

  @Override
  public String toString() {
    return "Space{" + name + ", revision=" + revision + ", floor=" + floor + "}";
  }
}

package dev.cairn.memory;

import dev.cairn.Capabilities;
import dev.cairn.ClosedException;
import dev.cairn.Names;
import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexedScan;
import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference backend: every namespace held in memory, optionally journaled to a directory
 * (see {@link Journal}). Thread-safe: point reads are lock-free, scans share a read lock and
 * commits take the namespace's write lock.
 */
final class MemoryBackend implements Backend {
  private final MemoryConfig config;
  private final Capabilities capabilities;
  private final ConcurrentMap<String, Space> spaces = new ConcurrentHashMap<>();
  private final Journal journal;
  private final AtomicLong clock = new AtomicLong();
  private volatile boolean closed;

  MemoryBackend(MemoryConfig config) {
    this.config = config;
    Capabilities.Builder caps = Capabilities.builder()
        .maxValueBytes(config.maxValueBytes())
        .maxWritesPerCommit(config.maxWritesPerCommit())
        .features(Capabilities.Feature.WEDGE_DETECTION);
    if (config.directory() != null) {
      caps.features(Capabilities.Feature.PERSISTENT);
    }
    this.capabilities = caps.build();
    this.journal = config.directory() == null ? null : Journal.open(config, new Journal.Spaces() {
      @Override
      public Space get(String namespace) {
        return space(namespace);
      }

      @Override
      public Collection<Space> all() {
        return spaces.values();
      }
    });
  }

  private Space space(String namespace) {
    if (closed) {
      throw new ClosedException("memory backend is closed");
    }
    Space space = spaces.get(namespace);
    return space != null ? space : spaces.computeIfAbsent(Names.checkNamespace(namespace), ns -> new Space(ns, config));
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public long currentRevision(String namespace) {
    return space(namespace).revision();
  }

  @Override
  public RecordRead get(String namespace, String collection, String id) {
    return space(namespace).get(collection, id);
  }

  @Override
  public ScanResult scan(String namespace, String collection, IdRange range, int limit) {
    return space(namespace).scan(collection, range, limit);
  }

  @Override
  public IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit) {
    return space(namespace).scanWithIndexKeys(collection, range, limit);
  }

  @Override
  public List<String> collections(String namespace) {
    return space(namespace).collections();
  }

  /**
   * Returns the wall clock, never less than a reading returned before: a clock stepped back would
   * otherwise extend every lease, and leases must not outlive what their holders were promised.
   */
  @Override
  public long clockMillis() {
    return clock.accumulateAndGet(System.currentTimeMillis(), Math::max);
  }

  @Override
  public ScanResult lookup(String namespace, String collection, String index, String key, boolean prefix) {
    return space(namespace).lookup(collection, index, key, prefix);
  }

  @Override
  public long commit(String namespace, CommitRequest request) {
    return space(namespace).commit(request, journal);
  }

  @Override
  public OptionalLong committedRevision(String namespace, String token) {
    return space(namespace).committedRevision(token);
  }

  @Override
  public List<Change> changes(String namespace, long afterRevision, int maxChanges) {
    return space(namespace).changes(afterRevision, maxChanges);
  }

  @Override
  public boolean awaitRevision(String namespace, long afterRevision, Duration timeout) throws InterruptedException {
    return space(namespace).awaitRevision(afterRevision, timeout, () -> closed);
  }

  @Override
  public void compact(String namespace, long revision) {
    space(namespace).compact(revision);
  }

  @Override
  public boolean isWedged() {
    for (Space s : spaces.values()) {
      if (s.isWedged()) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code action} while holding a namespace's commit lock; for wedge tests. */
  void holdingCommitLock(String namespace, Runnable action) {
    space(namespace).holdingCommitLock(action);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      spaces.values().forEach(Space::wakeAll);
      if (journal != null) {
        journal.close();
      }
    }
  }

  @Override
  public String toString() {
    return "MemoryBackend{" + config + "}";
  }
}

package dev.cairn;

import dev.cairn.spi.Backend;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A minimal map-based {@link Backend} for the api's own tests (the memory backend depends on
 * the api, so the api cannot use it). Every method is synchronized; nothing is fast or clever.
 */
class TestBackend implements Backend {
  private record Stored(StoredRecord record, Map<String, Set<String>> indexKeys) {}

  /** One namespace: its records per collection, revisions, commit tokens and change feed. */
  private static final class Space {
    long revision;
    long compactedThrough;
    final Map<String, TreeMap<String, Stored>> collections = new HashMap<>();
    final Map<String, Long> collectionRevisions = new HashMap<>();
    final Map<String, Long> tokens = new HashMap<>();
    final List<Change> changes = new ArrayList<>();

    TreeMap<String, Stored> records(String collection) {
      return collections.computeIfAbsent(collection, c -> new TreeMap<>(Ids.ORDER));
    }

    long collectionRevision(String collection) {
      return collectionRevisions.getOrDefault(collection, 0L);
    }
  }

  private final Map<String, Space> spaces = new HashMap<>();
  private boolean closed;

  private Space space(String namespace) {
    if (closed) {
      throw new ClosedException("test backend is closed");
    }
    return spaces.computeIfAbsent(namespace, ns -> new Space());
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().build();
  }

  @Override
  public synchronized long currentRevision(String namespace) {
    return space(namespace).revision;
  }

  @Override
  public synchronized RecordRead get(String namespace, String collection, String id) {
    Space s = space(namespace);
    Stored stored = s.records(collection).get(id);
    return new RecordRead(stored == null ? null : stored.record, s.revision, s.collectionRevision(collection));
  }

  @Override
  public synchronized ScanResult scan(String namespace, String collection, IdRange range, int limit) {
    return select(space(namespace), collection, s -> range.contains(s.record.id()), limit);
  }

  @Override
  public synchronized IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit) {
    List<IndexedRecord> out = new ArrayList<>();
    boolean more = false;
    Space s = space(namespace);
    for (Stored stored : s.records(collection).values()) {
      if (range.contains(stored.record.id())) {
        if (out.size() == limit) {
          more = true;
          break;
        }
        out.add(new IndexedRecord(stored.record, stored.indexKeys));
      }
    }
    return new IndexedScan(out, more, s.revision);
  }

  @Override
  public synchronized List<String> collections(String namespace) {
    return space(namespace).collections.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
  }

  @Override
  public long clockMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public synchronized ScanResult lookup(String namespace, String collection, String index, String key,
      boolean prefix) {
    Predicate<Stored> holds = s -> s.indexKeys.getOrDefault(index, Set.of()).stream()
        .anyMatch(k -> prefix ? k.startsWith(key) : k.equals(key));
    return select(space(namespace), collection, holds, Integer.MAX_VALUE);
  }

  private static ScanResult select(Space s, String collection, Predicate<Stored> wanted, int limit) {
    List<StoredRecord> out = new ArrayList<>();
    boolean more = false;
    for (Stored stored : s.records(collection).values()) {
      if (wanted.test(stored)) {
        if (out.size() == limit) {
          more = true;
          break;
        }
        out.add(stored.record);
      }
    }
    return new ScanResult(out, more, s.revision, s.collectionRevision(collection));
  }

  @Override
  public synchronized long commit(String namespace, CommitRequest request) {
    Space s = space(namespace);
    for (Precondition p : request.preconditions()) {
      if (!holds(s, p)) {
        throw new PreconditionFailedException(p);
      }
    }
    long revision = ++s.revision;
    for (Write w : request.writes()) {
      TreeMap<String, Stored> records = s.records(w.collection());
      Stored old = records.get(w.id());
      long created = old == null ? revision : old.record.createRevision();
      long prevMod = old == null ? 0 : old.record.modRevision();
      if (w.isDelete()) {
        records.remove(w.id());
        s.changes.add(new Change(revision, ChangeType.DELETE, w.collection(), w.id(), null, created, prevMod));
      } else {
        records.put(w.id(), new Stored(
            new StoredRecord(w.collection(), w.id(), w.value(), created, revision), w.indexKeys()));
        ChangeType type = old == null ? ChangeType.CREATE : ChangeType.UPDATE;
        s.changes.add(new Change(revision, type, w.collection(), w.id(), w.value(), created, prevMod,
            w.indexKeys()));
      }
      s.collectionRevisions.put(w.collection(), revision);
    }
    s.tokens.put(request.token(), revision);
    notifyAll();
    return revision;
  }

  private static boolean holds(Space s, Precondition p) {
    if (p instanceof Precondition.RecordVersion v) {
      Stored stored = s.records(v.collection()).get(v.id());
      return (stored == null ? 0 : stored.record.modRevision()) == v.modRevision();
    }
    if (p instanceof Precondition.CollectionUnchanged u) {
      return s.collectionRevision(u.collection()) <= u.revision();
    }
    Precondition.IndexKeyFree f = (Precondition.IndexKeyFree) p;
    return s.records(f.collection()).values().stream().noneMatch(stored -> !f.allowedHolders().contains(stored.record.id())
        && stored.indexKeys.getOrDefault(f.index(), Set.of()).contains(f.key()));
  }

  @Override
  public synchronized OptionalLong committedRevision(String namespace, String token) {
    Long revision = space(namespace).tokens.get(token);
    return revision == null ? OptionalLong.empty() : OptionalLong.of(revision);
  }

  @Override
  public synchronized List<Change> changes(String namespace, long afterRevision, int maxChanges) {
    Space s = space(namespace);
    if (afterRevision < s.compactedThrough) {
      throw new CompactedException("revisions up to " + s.compactedThrough + " are compacted");
    }
    List<Change> out = new ArrayList<>();
    for (Change c : s.changes) {
      boolean transactionEnded = out.isEmpty() || out.get(out.size() - 1).revision() != c.revision();
      if (out.size() >= maxChanges && transactionEnded) {
        break;
      }
      if (c.revision() > afterRevision) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public synchronized boolean awaitRevision(String namespace, long afterRevision, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closed && space(namespace).revision <= afterRevision) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return !closed;
  }

  @Override
  public synchronized void compact(String namespace, long revision) {
    Space s = space(namespace);
    s.compactedThrough = Math.max(s.compactedThrough, Math.min(revision, s.revision));
    s.changes.removeIf(c -> c.revision() <= s.compactedThrough);
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}

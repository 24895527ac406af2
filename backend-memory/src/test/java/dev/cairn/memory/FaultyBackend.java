package dev.cairn.memory;

import dev.cairn.Capabilities;
import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexedRecord;
import dev.cairn.spi.IndexedScan;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import dev.cairn.spi.StoredRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A backend with one deliberate bug, to prove the TCK catches it. Each {@link Fault} is a
 * mistake a real adapter could make.
 */
final class FaultyBackend implements Backend {

  /** The bugs on offer. */
  enum Fault {
    /** Reads report the record's create revision as its mod revision. */
    FORGETS_CREATE_REVISION,
    /** A scan's exclusive lower bound (a cursor) is treated as inclusive. */
    CURSOR_INCLUSIVE,
    /** Lookups of the name index find nothing, so names never conflict. */
    NAME_LOOKUP_EMPTY,
    /** Exact index lookups match keys by prefix. */
    EXACT_LOOKUP_AS_PREFIX,
    /** Every namespace is stored in one. */
    SHARED_NAMESPACE,
    /** Commits ignore their preconditions. */
    IGNORES_PRECONDITIONS,
    /** Commits apply at most 100 writes and drop the rest. */
    TRUNCATES_COMMITS,
    /** The change feed drops the last change of every transaction with more than one. */
    DROPS_CHANGES,
    /** The change feed never reports compaction; it returns what it still has. */
    HIDES_COMPACTION,
    /** Claims {@link Capabilities.Feature#PERSISTENT} but keeps everything in memory. */
    CLAIMS_PERSISTENCE,
    /** Point reads flip the last byte of values longer than 32 bytes: bit rot on the way out. */
    DAMAGES_VALUES,
    /** The export scan leaves out every record's index keys. */
    EXPORT_DROPS_INDEX_KEYS,
    /** Scans report their collection as never written (collection revision 0): a stale answer looks current. */
    SCAN_HIDES_COLLECTION_REVISION
  }

  private static final int TRUNCATE_AT = 100;

  private final Backend delegate;
  private final Fault fault;

  FaultyBackend(Backend delegate, Fault fault) {
    this.delegate = delegate;
    this.fault = fault;
  }

  private String ns(String namespace) {
    return fault == Fault.SHARED_NAMESPACE ? "shared" : namespace;
  }

  @Override
  public Capabilities capabilities() {
    Capabilities real = delegate.capabilities();
    if (fault != Fault.CLAIMS_PERSISTENCE) {
      return real;
    }
    return Capabilities.builder().maxValueBytes(real.maxValueBytes()).maxWritesPerCommit(real.maxWritesPerCommit())
        .features(Capabilities.Feature.PERSISTENT).build();
  }

  @Override
  public long currentRevision(String namespace) {
    return delegate.currentRevision(ns(namespace));
  }

  @Override
  public RecordRead get(String namespace, String collection, String id) {
    RecordRead read = delegate.get(ns(namespace), collection, id);
    if (fault == Fault.DAMAGES_VALUES && read.record() != null && read.record().value().length > 32) {
      StoredRecord r = read.record();
      byte[] damaged = r.value().clone();
      damaged[damaged.length - 1] ^= 1;
      return new RecordRead(new StoredRecord(r.collection(), r.id(), damaged, r.createRevision(), r.modRevision()),
          read.revision(), read.collectionRevision());
    }
    if (fault == Fault.FORGETS_CREATE_REVISION && read.record() != null) {
      return new RecordRead(forget(read.record()), read.revision(), read.collectionRevision());
    }
    return read;
  }

  private static StoredRecord forget(StoredRecord r) {
    return new StoredRecord(r.collection(), r.id(), r.value(), r.modRevision(), r.modRevision());
  }

  @Override
  public ScanResult scan(String namespace, String collection, IdRange range, int limit) {
    IdRange effective = fault == Fault.CURSOR_INCLUSIVE ? new IdRange(range.lower(), true, range.upper()) : range;
    ScanResult result = delegate.scan(ns(namespace), collection, effective, limit);
    if (fault == Fault.FORGETS_CREATE_REVISION) {
      List<StoredRecord> records = new ArrayList<>();
      result.records().forEach(r -> records.add(forget(r)));
      return new ScanResult(records, result.more(), result.revision(), result.collectionRevision());
    }
    if (fault == Fault.SCAN_HIDES_COLLECTION_REVISION) {
      return new ScanResult(result.records(), result.more(), result.revision(), 0);
    }
    return result;
  }

  @Override
  public IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit) {
    IndexedScan scan = delegate.scanWithIndexKeys(ns(namespace), collection, range, limit);
    if (fault == Fault.EXPORT_DROPS_INDEX_KEYS) {
      List<IndexedRecord> bare = new ArrayList<>();
      scan.records().forEach(r -> bare.add(new IndexedRecord(r.record(), Map.of())));
      return new IndexedScan(bare, scan.more(), scan.revision());
    }
    return scan;
  }

  @Override
  public List<String> collections(String namespace) {
    return delegate.collections(ns(namespace));
  }

  @Override
  public long clockMillis() {
    return delegate.clockMillis();
  }

  @Override
  public ScanResult lookup(String namespace, String collection, String index, String key, boolean prefix) {
    if (fault == Fault.NAME_LOOKUP_EMPTY && index.equals("_name")) {
      ScanResult real = delegate.lookup(ns(namespace), collection, index, key, prefix);
      return new ScanResult(List.of(), false, real.revision(), real.collectionRevision());
    }
    boolean asPrefix = prefix || fault == Fault.EXACT_LOOKUP_AS_PREFIX;
    return delegate.lookup(ns(namespace), collection, index, key, asPrefix);
  }

  @Override
  public long commit(String namespace, CommitRequest request) {
    List<Precondition> preconditions = request.preconditions();
    if (fault == Fault.IGNORES_PRECONDITIONS) {
      preconditions = List.of();
      // Holds the commit a moment, as a remote store would, so that concurrent read-modify-writes
      // overlap and lose updates every run: on an idle 2-core machine the in-memory race window
      // was once too narrow for the Concurrency area to see a single lost update.
      java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    } else if (fault == Fault.NAME_LOOKUP_EMPTY) {
      preconditions = preconditions.stream().filter(p -> !(p instanceof Precondition.IndexKeyFree)).toList();
    }
    var writes = request.writes();
    if (fault == Fault.TRUNCATES_COMMITS && writes.size() > TRUNCATE_AT) {
      writes = writes.subList(0, TRUNCATE_AT);
    }
    return delegate.commit(ns(namespace), new CommitRequest(preconditions, writes, request.token()));
  }

  @Override
  public OptionalLong committedRevision(String namespace, String token) {
    return delegate.committedRevision(ns(namespace), token);
  }

  @Override
  public List<Change> changes(String namespace, long afterRevision, int maxChanges) {
    if (fault == Fault.HIDES_COMPACTION) {
      long after = afterRevision;
      while (true) {
        try {
          return delegate.changes(ns(namespace), after, maxChanges);
        } catch (dev.cairn.CompactedException e) {
          after++;
        }
      }
    }
    List<Change> changes = delegate.changes(ns(namespace), afterRevision, maxChanges);
    if (fault != Fault.DROPS_CHANGES) {
      return changes;
    }
    List<Change> kept = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      boolean lastOfTx = i + 1 == changes.size() || changes.get(i + 1).revision() != c.revision();
      boolean multi = i > 0 && changes.get(i - 1).revision() == c.revision();
      if (!(lastOfTx && multi)) {
        kept.add(c);
      }
    }
    return kept;
  }

  @Override
  public boolean awaitRevision(String namespace, long afterRevision, Duration timeout) throws InterruptedException {
    return delegate.awaitRevision(ns(namespace), afterRevision, timeout);
  }

  @Override
  public void compact(String namespace, long revision) {
    delegate.compact(ns(namespace), revision);
  }

  @Override
  public boolean isWedged() {
    return delegate.isWedged();
  }

  @Override
  public void close() {
    delegate.close();
  }
}

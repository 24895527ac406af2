package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitOutcomeUnknownException;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.Write;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Writes an export into a target namespace as commits of many writes, each bounded by the
 * target's writes per commit and a byte budget. A later write of a record replaces an earlier
 * one still pending (a commit holds one write per record), which keeps the end state. The
 * target's revisions are its own: create and mod revisions of the source are not kept.
 * Not thread-safe.
 */
final class TargetWriter implements ArchiveSink {
  private record Key(String collection, String id) {}

  private static final int OUTCOME_ATTEMPTS = 3;

  private final Backend backend;
  private final String namespace;
  private final int maxWrites;
  private final long maxBytes;
  private final long maxValueBytes;
  private final Backoff backoff;
  private final Map<Key, Write> pending = new LinkedHashMap<>();
  private long pendingBytes;
  private long commits;
  private long lastRevision;
  private long records;
  private long changes;
  private long bytes;
  private long createdMillis;
  /** While set, only the writes-per-commit limit splits a commit: a source transaction stays whole. */
  private boolean wholeTransactions;

  TargetWriter(Backend backend, String namespace, StoreOptions options) {
    this.backend = backend;
    this.namespace = namespace;
    this.maxWrites = backend.capabilities().maxWritesPerCommit();
    this.maxBytes = Math.min(options.batchMaxBytes(), backend.capabilities().maxCommitBytes());
    this.maxValueBytes = backend.capabilities().maxValueBytes();
    this.backoff = new Backoff(options);
    this.lastRevision = backend.currentRevision(namespace);
  }

  /**
   * Checks that the namespace holds no record.
   *
   * @throws InvalidArgumentException naming a collection that holds records
   */
  static void checkEmpty(Backend backend, String namespace) {
    for (String collection : backend.collections(namespace)) {
      if (!backend.scan(namespace, collection, IdRange.ALL, 1).records().isEmpty()) {
        throw new InvalidArgumentException("the target namespace " + namespace + " is not empty (collection "
            + collection + " holds records): import and migration write only into an empty namespace");
      }
    }
  }

  long commits() {
    return commits;
  }

  /** Returns the target's revision after this writer's last commit. */
  long lastRevision() {
    return lastRevision;
  }

  /** Returns how many records (of the record section) were handed to this writer. */
  long records() {
    return records;
  }

  /** Returns how many changes (replayed, or of followed transactions) were handed to this writer. */
  long changes() {
    return changes;
  }

  /** Returns how many records and changes were handed to this writer. */
  long entries() {
    return records + changes;
  }

  /** Returns the created millis {@link #begin} received, or 0 before it. */
  long createdMillis() {
    return createdMillis;
  }

  /** Returns about how many bytes (ids, values, index keys) were handed to this writer. */
  long bytes() {
    return bytes;
  }

  @Override
  public void begin(String sourceNamespace, long createdMillis) {
    this.createdMillis = createdMillis;
  }

  @Override
  public void record(String collection, String id, byte[] value, Map<String, Set<String>> indexKeys) {
    add(new Write(collection, id, value, indexKeys));
    records++;
  }

  @Override
  public void change(long revision, String collection, String id, byte[] value, Map<String, Set<String>> indexKeys) {
    add(new Write(collection, id, value, value == null ? Map.of() : indexKeys));
    changes++;
  }

  @Override
  public void end(long revision) {
    flush();
  }

  /**
   * Applies one source transaction as one commit (several if it exceeds the target's writes per
   * commit), after anything pending.
   */
  void applyTransaction(List<Change> transaction) {
    flush();
    wholeTransactions = true;
    try {
      for (Change c : transaction) {
        add(new Write(c.collection(), c.id(), c.value(), c.value() == null ? Map.of() : c.indexKeys()));
        changes++;
      }
      flush();
    } finally {
      wholeTransactions = false;
    }
  }

  private void add(Write write) {
    if (write.value() != null && write.value().length > maxValueBytes) {
      throw new TooLargeException("record " + write.collection() + "/" + write.id() + " is " + write.value().length
          + " bytes; the target's limit is " + maxValueBytes);
    }
    long size = sizeOf(write);
    if (!pending.isEmpty() && (pending.size() >= maxWrites || (!wholeTransactions && pendingBytes + size > maxBytes))) {
      flush();
    }
    Write replaced = pending.remove(new Key(write.collection(), write.id()));
    if (replaced != null) {
      pendingBytes -= sizeOf(replaced);
    }
    pending.put(new Key(write.collection(), write.id()), write);
    pendingBytes += size;
    bytes += size;
  }

  private static long sizeOf(Write w) {
    long size = 32L + w.collection().length() + w.id().length() + (w.value() == null ? 0 : w.value().length);
    for (Map.Entry<String, Set<String>> index : w.indexKeys().entrySet()) {
      size += index.getKey().length();
      for (String key : index.getValue()) {
        size += 8 + key.length();
      }
    }
    return size;
  }

  /** Commits what is pending, resolving an unknown outcome by the commit's token. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Write> writes = new ArrayList<>(pending.values());
    for (int attempt = 1; attempt <= OUTCOME_ATTEMPTS; attempt++) {
      String token = CommitTokens.next();
      try {
        lastRevision = backend.commit(namespace, new CommitRequest(List.of(), writes, token));
        break;
      } catch (CommitOutcomeUnknownException e) {
        OptionalLong committed = CommitTokens.resolve(backend, namespace, token, backoff, e);
        if (committed.isPresent()) {
          lastRevision = committed.getAsLong();
          break;
        }
        if (attempt == OUTCOME_ATTEMPTS) {
          throw new UnavailableException("commit of " + writes.size() + " writes into namespace " + namespace
              + " failed " + attempt + " times with an unknown outcome, resolved as not applied", e);
        }
      }
    }
    commits++;
    pending.clear();
    pendingBytes = 0;
  }
}

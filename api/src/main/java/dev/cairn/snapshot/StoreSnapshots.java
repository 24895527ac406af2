package dev.cairn.snapshot;

import dev.cairn.Codec;
import dev.cairn.CorruptedException;
import dev.cairn.Entry;
import dev.cairn.InvalidArgumentException;
import dev.cairn.ListOptions;
import dev.cairn.Names;
import dev.cairn.NotFoundException;
import dev.cairn.Page;
import dev.cairn.ReadTransaction;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.TooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link Snapshots} over the public {@link Store} API; the record layout is documented there. */
final class StoreSnapshots<T> implements Snapshots<T> {
  /** Digits of a sequence in a record id: every positive long fits, and ids sort by sequence. */
  private static final int SEQUENCE_DIGITS = 19;
  /** The longest snapshot id: the record id adds a '/' and the sequence digits. */
  private static final int MAX_ID_BYTES = Names.MAX_ID_BYTES - 1 - SEQUENCE_DIGITS;
  /** The most deletions of one prune transaction, below every backend's writes-per-commit limit. */
  private static final int PRUNE_CHUNK = 500;

  private final Store store;
  private final SnapshotFormat<T> format;
  private final Schema<byte[]> schema;

  StoreSnapshots(Store store, SnapshotFormat<T> format) {
    this.store = Objects.requireNonNull(store, "store");
    this.format = Objects.requireNonNull(format, "format");
    this.schema = Schema.of(COLLECTION_PREFIX + format.name(), Codec.bytes());
  }

  @Override
  public SnapshotFormat<T> format() {
    return format;
  }

  @Override
  public String collection() {
    return schema.collection();
  }

  @Override
  public long save(String id, T value) {
    checkId(id);
    byte[] snapshot = format.write(value);
    long limit = store.capabilities().maxValueBytes();
    if (snapshot.length > limit) {
      throw new TooLargeException("snapshot '" + id + "' of format '" + format.name() + "' is " + snapshot.length
          + " bytes; the store's value limit is " + limit + " bytes");
    }
    return store.updateAndGet(tx -> {
      long sequence = lastSequence(tx, id) + 1;
      tx.put(schema, id, Long.toString(sequence).getBytes(StandardCharsets.US_ASCII));
      tx.create(schema, recordId(id, sequence), snapshot);
      return sequence;
    });
  }

  @Override
  public Optional<T> load(String id) {
    checkId(id);
    Entry<byte[]> latest = store.view(tx -> {
      long sequence = lastSequence(tx, id);
      if (sequence == 0) {
        return null;
      }
      String recordId = recordId(id, sequence);
      return tx.get(schema, recordId).orElseThrow(() -> new CorruptedException("the latest snapshot of '" + id
          + "' is sequence " + sequence + ", but record '" + recordId + "' is missing from " + collection()));
    });
    return latest == null ? Optional.empty() : Optional.of(read(latest));
  }

  @Override
  public T load(String id, long sequence) {
    checkId(id);
    if (sequence < 1) {
      throw new InvalidArgumentException("snapshot sequence must be at least 1: " + sequence);
    }
    String recordId = recordId(id, sequence);
    Entry<byte[]> record = store.view(tx -> tx.get(schema, recordId)).orElseThrow(() -> new NotFoundException(
        "no snapshot '" + id + "' with sequence " + sequence + " in " + collection()));
    return read(record);
  }

  @Override
  public List<SnapshotInfo> history(String id) {
    checkId(id);
    List<Entry<byte[]>> records = records(id);
    List<SnapshotInfo> out = new ArrayList<>(records.size());
    for (int i = records.size() - 1; i >= 0; i--) {
      Entry<byte[]> r = records.get(i);
      int version;
      try {
        version = format.versionOf(r.value());
      } catch (CorruptedException e) {
        throw inRecord(r.id(), e);
      }
      out.add(new SnapshotInfo(id, sequenceOf(id, r.id()), r.id(), r.modRevision(), version, r.value().length));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public int prune(String id, int keep) {
    checkId(id);
    if (keep < 1) {
      throw new InvalidArgumentException("prune must keep at least 1 snapshot of '" + id + "': " + keep);
    }
    List<Entry<byte[]>> records = records(id);
    int surplus = records.size() - keep;
    int chunk = Math.min(PRUNE_CHUNK, store.capabilities().maxWritesPerCommit());
    int deleted = 0;
    for (int from = 0; from < surplus; from += chunk) {
      List<Entry<byte[]>> doomed = records.subList(from, Math.min(surplus, from + chunk));
      deleted += store.updateAndGet(tx -> {
        int n = 0;
        for (Entry<byte[]> r : doomed) {
          if (tx.get(schema, r.id()).isPresent()) { // a concurrent prune may have deleted it
            tx.delete(schema, r.id());
            n++;
          }
        }
        return n;
      });
    }
    return deleted;
  }

  @Override
  public String toString() {
    return "Snapshots{" + collection() + ", " + format + "}";
  }

  /** Reads every record of an id's history, oldest first, at one revision. */
  private List<Entry<byte[]>> records(String id) {
    ListOptions prefix = ListOptions.prefix(id + "/");
    return store.view(tx -> {
      List<Entry<byte[]>> all = new ArrayList<>();
      String cursor = null;
      do {
        Page<byte[]> page = tx.list(schema, prefix.after(cursor));
        all.addAll(page.items());
        cursor = page.nextCursor().orElse(null);
      } while (cursor != null);
      return all;
    });
  }

  private T read(Entry<byte[]> record) {
    try {
      return format.read(record.value());
    } catch (CorruptedException e) {
      throw inRecord(record.id(), e);
    }
  }

  private CorruptedException inRecord(String recordId, CorruptedException e) {
    return new CorruptedException("snapshot record '" + recordId + "' of " + collection() + ": " + e.getMessage(), e);
  }

  /** Returns the last sequence given out for an id, 0 if none. */
  private long lastSequence(ReadTransaction tx, String id) {
    Optional<Entry<byte[]>> head = tx.get(schema, id);
    if (head.isEmpty()) {
      return 0;
    }
    byte[] bytes = head.get().value();
    String text = new String(bytes, StandardCharsets.US_ASCII);
    long sequence = parseSequence(text);
    if (sequence < 1) {
      throw new CorruptedException("sequence record '" + id + "' of " + collection() + " holds " + bytes.length
          + " bytes that are not a positive decimal number");
    }
    return sequence;
  }

  private long sequenceOf(String id, String recordId) {
    String digits = recordId.substring(id.length() + 1);
    long sequence = digits.length() == SEQUENCE_DIGITS ? parseSequence(digits) : -1;
    if (sequence < 1) {
      throw new CorruptedException("record '" + recordId + "' of " + collection() + " is not named '" + id
          + "/' and " + SEQUENCE_DIGITS + " digits of a sequence");
    }
    return sequence;
  }

  /** Parses ASCII digits as a positive long, or returns -1. */
  private static long parseSequence(String digits) {
    if (digits.isEmpty() || digits.length() > SEQUENCE_DIGITS) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1; // above Long.MAX_VALUE
    }
  }

  static String recordId(String id, long sequence) {
    String digits = Long.toString(sequence);
    return id + "/" + "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
  }

  private static void checkId(String id) {
    Names.checkKey("snapshot id", id);
    if (id.indexOf('/') >= 0) {
      throw new InvalidArgumentException("snapshot id '" + id + "' must not contain '/'");
    }
    int bytes = id.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_ID_BYTES) {
      throw new InvalidArgumentException("snapshot id is " + bytes + " UTF-8 bytes; the limit is " + MAX_ID_BYTES);
    }
  }
}

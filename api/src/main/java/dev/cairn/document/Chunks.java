package dev.cairn.document;

import dev.cairn.Codec;
import dev.cairn.CorruptedException;
import dev.cairn.Entry;
import dev.cairn.ListOptions;
import dev.cairn.ReadTransaction;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.Transaction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * The chunks of a document kind and the records of its write attempts. An attempt record holds
 * how many of the attempt's chunks exist, and is written in the same transactions as they are,
 * so it always names exactly the chunks present: cleaning deletes them by id without reading
 * them, and a pointer swap that finds its attempt record complete knows its chunks are all there.
 * It also holds the backend clock's reading at its last write ({@link #ABANDONED} once its writer
 * gave up), so that a clean spares an attempt a writer may still be writing. Thread-safe.
 */
final class Chunks {
  /** At most this many chunk bytes per transaction (one chunk if a chunk alone is larger). */
  static final long GROUP_BYTES = 4L << 20;
  /** Room left in a commit beside its chunks, for the attempt record written with them. */
  static final long ATTEMPT_ROOM = 1024;
  /** At most this many chunks per transaction or view. */
  static final int GROUP_CHUNKS = 64;

  /**
   * The codec of chunks: the bytes themselves, as {@link Codec#bytes()} writes them, but without
   * copying on encode, since every chunk array is a fresh copy that nothing else holds.
   */
  private static final Codec<byte[]> CHUNK_CODEC = new Codec<>() {
    @Override public byte[] encode(byte[] value) {
      return value;
    }

    @Override public byte[] decode(byte[] bytes) {
      return bytes.clone();
    }

    @Override public String toString() {
      return "document chunk codec";
    }
  };

  /** How many bytes are copied, then checksummed, at a time. */
  private static final int CHECKSUM_BLOCK = 32 << 10;
  /** The write time of an attempt whose writer gave up on it: cleaned at once. */
  static final long ABANDONED = 0;
  private static final int ATTEMPT_RECORD_BYTES = Integer.BYTES + Long.BYTES;

  /** What a completed write attempt stored. */
  record Written(long generation, long attempt, int chunkCount, long length, int checksum) {}

  /** Thrown when a write attempt's record vanished, deleted by a clean: the attempt must start again. */
  static final class AttemptLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AttemptLost(String name) {
      super("write attempt " + name + " was cleaned before it committed", null, false, false);
    }
  }

  private final Store store;
  private final String kind;
  private final Schema<byte[]> chunks;
  private final Schema<byte[]> attempts;
  private final int chunkBytes;
  private final int maxWrites;
  /** At most this many chunk bytes per transaction: {@link #GROUP_BYTES}, or less if the backend says so. */
  private final long groupBytes;

  Chunks(Store store, String kind, String chunkCollection, String attemptCollection, int chunkBytes) {
    this.store = store;
    this.kind = kind;
    this.chunks = Schema.of(chunkCollection, CHUNK_CODEC);
    this.attempts = Schema.of(attemptCollection, Codec.bytes());
    this.chunkBytes = chunkBytes;
    this.maxWrites = store.capabilities().maxWritesPerCommit();
    this.groupBytes = Math.min(GROUP_BYTES, store.capabilities().maxCommitBytes() - ATTEMPT_ROOM);
  }

  /**
   * Writes {@code state} as the chunks of a new write attempt for {@code generation}, in as few
   * transactions as the limits allow. Nothing points to them yet.
   *
   * @throws AttemptLost if a clean deleted the attempt between two of its transactions
   */
  Written write(String id, long generation, byte[] state) {
    long attempt = ThreadLocalRandom.current().nextLong();
    String name = DocumentIds.attempt(id, generation, attempt);
    int count = (int) ((state.length + (long) chunkBytes - 1) / chunkBytes);
    CRC32C crc = new CRC32C();
    if (count == 1) {
      crc.update(state);
    }
    int done = 0;
    do {
      int from = done;
      int to = groupEnd(from, count, state.length);
      byte[][] slices = new byte[to - from][];
      for (int i = from; i < to; i++) {
        int start = i * chunkBytes;
        int end = (int) Math.min(state.length, (long) start + chunkBytes);
        slices[i - from] = count == 1 ? state : copyAndChecksum(state, start, end, crc);
      }
      store.update(tx -> {
        Optional<Entry<byte[]>> record = tx.get(attempts, name);
        if (from == 0 ? record.isPresent() : record.isEmpty() || written(record.get()) != from) {
          throw new AttemptLost(name);
        }
        for (int i = from; i < to; i++) {
          tx.put(chunks, DocumentIds.chunk(name, i), slices[i - from]);
        }
        tx.put(attempts, name, encodeAttempt(to, store.clockMillis()));
      });
      done = to;
    } while (done < count);
    return new Written(generation, attempt, count, state.length, (int) crc.getValue());
  }

  /**
   * Copies {@code state[start, end)} into a new chunk, adding it to {@code crc} a block at a time
   * while the block is still in the processor's cache: one pass over memory instead of two.
   */
  private static byte[] copyAndChecksum(byte[] state, int start, int end, CRC32C crc) {
    byte[] chunk = new byte[end - start];
    for (int at = 0; at < chunk.length; at += CHECKSUM_BLOCK) {
      int n = Math.min(CHECKSUM_BLOCK, chunk.length - at);
      System.arraycopy(state, start + at, chunk, at, n);
      crc.update(chunk, at, n);
    }
    return chunk;
  }

  /** Returns the end of the group of chunks from {@code from}: bounded in writes, bytes and count. */
  private int groupEnd(int from, int count, int length) {
    int most = Math.min(GROUP_CHUNKS, maxWrites - 1);
    int to = from;
    long bytes = 0;
    while (to < count && to - from < most) {
      long size = Math.min(chunkBytes, length - (long) to * chunkBytes);
      if (to > from && bytes + size > groupBytes) {
        break;
      }
      bytes += size;
      to++;
    }
    return to;
  }

  /**
   * Marks an attempt that will never be swapped in (its run failed or lost the race) as abandoned,
   * so the next clean removes it at once; best effort: if this fails, the clean removes it once
   * the in-flight grace period has passed.
   */
  void abandon(String id, Written w) {
    String name = DocumentIds.attempt(id, w.generation(), w.attempt());
    try {
      store.update(tx -> tx.get(attempts, name).ifPresent(
          record -> tx.update(attempts, name, encodeAttempt(written(record), ABANDONED))));
    } catch (RuntimeException e) {
      // the grace period covers it
    }
  }

  /** Returns whether every chunk of a completed attempt still exists, reading its record in {@code tx}. */
  boolean complete(Transaction tx, String id, Written w) {
    Optional<Entry<byte[]>> record = tx.get(attempts, DocumentIds.attempt(id, w.generation(), w.attempt()));
    return record.isPresent() && written(record.get()) == w.chunkCount();
  }

  /**
   * Reads the state a pointer names, a few chunks per view, and checks its length and checksum.
   *
   * @return the state, or null if a chunk is missing (a clean or a delete removed it)
   * @throws CorruptedException if the chunks do not add up to the pointer's length and checksum
   */
  byte[] read(String id, Pointer p) {
    String name = DocumentIds.attempt(id, p.generation(), p.attempt());
    int perView = (int) Math.max(1, Math.min(GROUP_CHUNKS, GROUP_BYTES / chunkBytes));
    byte[] state = null;
    long filled = 0;
    for (int from = 0; from < p.chunkCount(); from += perView) {
      int start = from;
      int end = Math.min(p.chunkCount(), from + perView);
      byte[][] group = store.view(tx -> readGroup(tx, name, start, end));
      if (group == null) {
        return null;
      }
      for (byte[] chunk : group) {
        if (filled + chunk.length > p.length()) {
          throw mismatch(id, p, "its chunks hold more than " + p.length() + " bytes");
        }
        if (p.chunkCount() == 1) {
          state = chunk; // the only chunk is the state: no copy
        } else {
          if (state == null) {
            state = new byte[(int) p.length()];
          }
          System.arraycopy(chunk, 0, state, (int) filled, chunk.length);
        }
        filled += chunk.length;
      }
    }
    if (filled != p.length()) {
      throw mismatch(id, p, "its chunks hold " + filled + " bytes, the pointer says " + p.length());
    }
    if (state == null) {
      return new byte[0];
    }
    CRC32C crc = new CRC32C();
    crc.update(state);
    if ((int) crc.getValue() != p.checksum()) {
      throw mismatch(id, p, "CRC32C 0x" + Integer.toHexString((int) crc.getValue()) + " differs from the pointer's 0x"
          + Integer.toHexString(p.checksum()));
    }
    return state;
  }

  private byte[][] readGroup(ReadTransaction tx, String name, int from, int to) {
    byte[][] group = new byte[to - from][];
    for (int i = from; i < to; i++) {
      Optional<Entry<byte[]>> chunk = tx.get(chunks, DocumentIds.chunk(name, i));
      if (chunk.isEmpty()) {
        return null;
      }
      group[i - from] = chunk.get().value();
    }
    return group;
  }

  private CorruptedException mismatch(String id, Pointer p, String what) {
    return new CorruptedException("document " + kind + "/" + id + " generation " + p.generation()
        + " is damaged: " + what);
  }

  /**
   * Lists write attempts, one page per view (the listing is no snapshot: it is a list of
   * candidates that {@link #deleteUnretained} checks again).
   *
   * @param id the document whose attempts to list, or null for every document's
   */
  List<DocumentIds.Attempt> list(String id) {
    List<DocumentIds.Attempt> out = new ArrayList<>();
    ListOptions options = (id == null ? ListOptions.all() : ListOptions.prefix(DocumentIds.attemptPrefix(id)))
        .limit(ListOptions.DEFAULT_LIMIT);
    Listing.forEach(store, attempts, options, e -> {
      DocumentIds.Attempt a = DocumentIds.parse(e.id());
      if (a != null && (id == null || a.documentId().equals(id))) {
        out.add(a);
      }
    });
    return out;
  }

  /** The outcome of one cleaning transaction. */
  private record Step(int deletedChunks, int next) {}

  /**
   * Deletes the attempts of one document that its current pointer (read in each transaction, so
   * a concurrent swap conflicts rather than loses its chunks) does not retain, with their chunks.
   *
   * @param candidates attempts of the document, as {@link #list} found them
   * @param pointer reads the document's pointer in a transaction, empty if the document is absent
   * @param graceMillis how long after its last write an attempt of a generation not yet
   *     committed is spared (its writer may still be writing it); 0 spares none
   * @return how many chunks were deleted
   */
  int deleteUnretained(List<DocumentIds.Attempt> candidates,
      java.util.function.Function<ReadTransaction, Optional<Pointer>> pointer, int margin, long graceMillis) {
    int deleted = 0;
    int next = 0;
    while (next < candidates.size()) {
      int start = next;
      Step step = store.updateAndGet(tx -> deleteSome(tx, candidates, start, pointer.apply(tx).orElse(null), margin,
          graceMillis));
      deleted += step.deletedChunks;
      next = step.next;
    }
    return deleted;
  }

  private Step deleteSome(Transaction tx, List<DocumentIds.Attempt> candidates, int start, Pointer current,
      int margin, long graceMillis) {
    long now = graceMillis > 0 ? store.clockMillis() : 0;
    int budget = maxWrites;
    int deleted = 0;
    int i = start;
    for (; i < candidates.size() && budget > 0; i++) {
      DocumentIds.Attempt a = candidates.get(i);
      if (current != null && current.retains(a.generation(), a.attempt(), margin)) {
        continue;
      }
      Optional<Entry<byte[]>> record = tx.get(attempts, a.name());
      if (record.isEmpty() || inFlight(record.get(), a, current, now, graceMillis)) {
        continue;
      }
      int written = written(record.get());
      if (written + 1 > budget) {
        // Too many chunks for what is left of this commit: delete the last ones, keep the count exact.
        int some = budget - 1;
        if (some > 0) {
          for (int c = written - some; c < written; c++) {
            tx.delete(chunks, DocumentIds.chunk(a.name(), c));
          }
          tx.update(attempts, a.name(), encodeAttempt(written - some, writtenAt(record.get())));
          deleted += some;
        }
        break;
      }
      for (int c = 0; c < written; c++) {
        tx.delete(chunks, DocumentIds.chunk(a.name(), c));
      }
      tx.delete(attempts, a.name());
      budget -= written + 1;
      deleted += written;
    }
    return new Step(deleted, i);
  }

  /**
   * Returns whether a writer may still be writing the attempt: its generation is not committed
   * yet (later than the pointer's, or the document has no pointer: a create) and it was written
   * within the grace period and not abandoned. An attempt of a committed generation that the
   * pointer does not name lost its race and is an orphan.
   */
  private boolean inFlight(Entry<byte[]> record, DocumentIds.Attempt a, Pointer current, long now, long graceMillis) {
    if (graceMillis <= 0 || (current != null && a.generation() <= current.generation())) {
      return false;
    }
    long at = writtenAt(record);
    return at != ABANDONED && now - at < graceMillis;
  }

  private static byte[] encodeAttempt(int count, long writtenAtMillis) {
    return ByteBuffer.allocate(ATTEMPT_RECORD_BYTES).putInt(count).putLong(writtenAtMillis).array();
  }

  private int written(Entry<byte[]> record) {
    int count = attemptRecord(record).getInt(0);
    if (count < 0) {
      throw new CorruptedException("write attempt " + kind + "/" + record.id() + " is damaged: chunk count " + count);
    }
    return count;
  }

  private long writtenAt(Entry<byte[]> record) {
    return attemptRecord(record).getLong(Integer.BYTES);
  }

  private ByteBuffer attemptRecord(Entry<byte[]> record) {
    byte[] b = record.value();
    if (b.length != ATTEMPT_RECORD_BYTES) {
      throw new CorruptedException("write attempt " + kind + "/" + record.id() + " is damaged: " + b.length
          + " bytes, expected " + ATTEMPT_RECORD_BYTES + " (a chunk count and a write time)");
    }
    return ByteBuffer.wrap(b);
  }
}

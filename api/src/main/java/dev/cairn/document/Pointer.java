package dev.cairn.document;

import dev.cairn.CorruptedException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The small record that names a document's current state: its generation, the write attempt
 * whose chunks hold it (chunk {@code i} is {@link DocumentIds#chunk} of that attempt), the
 * state's length and CRC32C, and the previous committed generations, newest first, that
 * {@link DocumentStore#clean()} keeps for readers still loading them. Immutable.
 *
 * <p>Encoding (big-endian): magic {@code "CDP1"}, generation (8), attempt (8), chunk count (4),
 * length (8), CRC32C (4), history count (4), then per history entry generation (8) and attempt (8).
 *
 * @param generation the generation, 1 for a new document, +1 per committed run
 * @param attempt the id of the write attempt holding the chunks
 * @param chunkCount how many chunks hold the state
 * @param length the state's length in bytes
 * @param checksum the CRC32C of the whole state
 * @param history previous generations, newest first; unmodifiable
 */
record Pointer(long generation, long attempt, int chunkCount, long length, int checksum, List<Committed> history) {
  private static final int MAGIC = 0x43445031; // "CDP1"
  static final int HEADER_BYTES = 4 + 8 + 8 + 4 + 8 + 4 + 4;
  static final int ENTRY_BYTES = 16;

  /** Returns the size of an encoded pointer remembering {@code generations} previous ones. */
  static long bytesFor(int generations) {
    return HEADER_BYTES + (long) ENTRY_BYTES * generations;
  }

  /** A committed generation and the attempt that wrote it. */
  record Committed(long generation, long attempt) {}

  Pointer {
    history = List.copyOf(history);
  }

  /** Returns the pointer of a new document, generation 1. */
  static Pointer first(Chunks.Written w) {
    return new Pointer(1, w.attempt(), w.chunkCount(), w.length(), w.checksum(), List.of());
  }

  /** Returns the pointer that follows this one, keeping at most {@code margin} previous generations. */
  Pointer next(Chunks.Written w, int margin) {
    List<Committed> kept = new ArrayList<>(Math.min(margin, history.size() + 1));
    if (margin > 0) {
      kept.add(new Committed(generation, attempt));
      kept.addAll(history.subList(0, Math.min(history.size(), margin - 1)));
    }
    return new Pointer(generation + 1, w.attempt(), w.chunkCount(), w.length(), w.checksum(), kept);
  }

  /** Returns whether {@code other} names the same committed state. */
  boolean sameState(Pointer other) {
    return generation == other.generation && attempt == other.attempt;
  }

  /**
   * Returns whether the chunks of the attempt are kept by a clean that retains {@code margin}
   * generations before the current one.
   */
  boolean retains(long attemptGeneration, long attemptId, int margin) {
    if (attemptGeneration == generation && attemptId == attempt) {
      return true;
    }
    for (int i = 0; i < Math.min(margin, history.size()); i++) {
      Committed c = history.get(i);
      if (c.generation == attemptGeneration && c.attempt == attemptId) {
        return true;
      }
    }
    return false;
  }

  /** Encodes the pointer. */
  byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + ENTRY_BYTES * history.size());
    b.putInt(MAGIC).putLong(generation).putLong(attempt).putInt(chunkCount).putLong(length).putInt(checksum)
        .putInt(history.size());
    for (Committed c : history) {
      b.putLong(c.generation).putLong(c.attempt);
    }
    return b.array();
  }

  /**
   * Decodes a pointer.
   *
   * @param source what the bytes are, for messages (the document's kind and id)
   * @throws CorruptedException if the bytes are not a well-formed pointer; the message names the
   *     source and the byte offset
   */
  static Pointer decode(String source, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      int magic = b.getInt();
      if (magic != MAGIC) {
        throw corrupted(source, 0, "bad magic 0x" + Integer.toHexString(magic) + " (not a document pointer)");
      }
      long generation = b.getLong();
      if (generation < 1) {
        throw corrupted(source, 4, "generation " + generation + " is below 1");
      }
      long attempt = b.getLong();
      int chunkCount = b.getInt();
      long length = b.getLong();
      if (chunkCount < 0 || length < 0 || length > Integer.MAX_VALUE || (chunkCount == 0) != (length == 0)
          || chunkCount > length) {
        throw corrupted(source, 20, chunkCount + " chunks cannot hold " + length + " bytes");
      }
      int checksum = b.getInt();
      int entries = b.getInt();
      if (entries < 0 || entries > b.remaining() / ENTRY_BYTES) {
        throw corrupted(source, HEADER_BYTES - 4, "history of " + entries + " entries does not fit in "
            + b.remaining() + " bytes");
      }
      List<Committed> history = new ArrayList<>(entries);
      long before = generation;
      for (int i = 0; i < entries; i++) {
        int at = b.position();
        Committed c = new Committed(b.getLong(), b.getLong());
        if (c.generation >= before || c.generation < 1) {
          throw corrupted(source, at, "history generation " + c.generation + " does not precede " + before);
        }
        before = c.generation;
        history.add(c);
      }
      if (b.hasRemaining()) {
        throw corrupted(source, b.position(), b.remaining() + " unexpected trailing bytes");
      }
      return new Pointer(generation, attempt, chunkCount, length, checksum, history);
    } catch (BufferUnderflowException e) {
      throw corrupted(source, bytes.length, "pointer is truncated (" + bytes.length + " bytes)");
    }
  }

  private static CorruptedException corrupted(String source, int offset, String what) {
    return new CorruptedException("pointer of document " + source + " is damaged at byte offset " + offset + ": " + what);
  }
}

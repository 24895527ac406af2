package dev.cairn;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** A growable big-endian buffer holding one block's payload while it is written. Not thread-safe. */
final class BlockBuffer {
  private byte[] bytes = new byte[ArchiveFormat.BLOCK_TARGET_BYTES + 4096];
  private int size;

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  void clear() {
    size = 0;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  void putByte(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  void putInt(int v) {
    ensure(4);
    bytes[size++] = (byte) (v >>> 24);
    bytes[size++] = (byte) (v >>> 16);
    bytes[size++] = (byte) (v >>> 8);
    bytes[size++] = (byte) v;
  }

  /** Overwrites the int at {@code position} (for a count known only at the block's end). */
  void setInt(int position, int v) {
    bytes[position] = (byte) (v >>> 24);
    bytes[position + 1] = (byte) (v >>> 16);
    bytes[position + 2] = (byte) (v >>> 8);
    bytes[position + 3] = (byte) v;
  }

  void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  void putBytes(byte[] b) {
    putInt(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }

  void putString(String s) {
    putBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  void putIndexKeys(Map<String, Set<String>> indexKeys) {
    putInt(indexKeys.size());
    for (Map.Entry<String, Set<String>> index : indexKeys.entrySet()) {
      putString(index.getKey());
      putInt(index.getValue().size());
      for (String key : index.getValue()) {
        putString(key);
      }
    }
  }
}

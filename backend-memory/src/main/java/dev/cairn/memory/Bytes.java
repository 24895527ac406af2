package dev.cairn.memory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Big-endian binary encoding of journal payloads: a growable writer and a bounds-checked reader. */
final class Bytes {
  private Bytes() {}

  /** Thrown when a payload does not decode; the caller names the file and offset. */
  static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /** Appends values to a growable array. */
  static final class Writer {
    private byte[] buf = new byte[256];
    private int size;

    int size() {
      return size;
    }

    byte[] array() {
      return buf;
    }

    void reset() {
      size = 0;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        long wanted = Math.max((long) buf.length * 2, (long) size + more);
        if (wanted > Integer.MAX_VALUE - 16) {
          throw new MalformedException("journal entry larger than 2 GiB");
        }
        buf = Arrays.copyOf(buf, (int) wanted);
      }
    }

    Writer putByte(int b) {
      ensure(1);
      buf[size++] = (byte) b;
      return this;
    }

    Writer putInt(int v) {
      ensure(4);
      buf[size++] = (byte) (v >>> 24);
      buf[size++] = (byte) (v >>> 16);
      buf[size++] = (byte) (v >>> 8);
      buf[size++] = (byte) v;
      return this;
    }

    Writer putLong(long v) {
      putInt((int) (v >>> 32));
      return putInt((int) v);
    }

    Writer putBytes(byte[] b) {
      putInt(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
      return this;
    }

    Writer putString(String s) {
      return putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes index name → keys, in the map's order. */
    Writer putIndexKeys(Map<String, Set<String>> keys) {
      putInt(keys.size());
      for (Map.Entry<String, Set<String>> e : keys.entrySet()) {
        putString(e.getKey());
        putInt(e.getValue().size());
        for (String key : e.getValue()) {
          putString(key);
        }
      }
      return this;
    }
  }

  /** Reads values from an array, failing with {@link MalformedException} past its end. */
  static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    private void need(int n) {
      if (n < 0 || buf.length - pos < n) {
        throw new MalformedException("payload ends early (needs " + n + " bytes at " + pos + " of " + buf.length + ")");
      }
    }

    int getByte() {
      need(1);
      return buf[pos++] & 0xff;
    }

    int getInt() {
      need(4);
      int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | (buf[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    long getLong() {
      return (long) getInt() << 32 | (getInt() & 0xffffffffL);
    }

    int getCount() {
      int n = getInt();
      if (n < 0 || n > buf.length - pos) {
        throw new MalformedException("impossible count " + n + " at " + (pos - 4));
      }
      return n;
    }

    byte[] getBytes() {
      int n = getInt();
      need(n);
      byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return out;
    }

    String getString() {
      int n = getInt();
      need(n);
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    Map<String, Set<String>> getIndexKeys() {
      int indexes = getCount();
      if (indexes == 0) {
        return Map.of();
      }
      Map<String, Set<String>> out = new LinkedHashMap<>();
      for (int i = 0; i < indexes; i++) {
        String index = getString();
        int count = getCount();
        Set<String> keys = new LinkedHashSet<>();
        for (int k = 0; k < count; k++) {
          keys.add(getString());
        }
        out.put(index, Set.copyOf(keys));
      }
      return Map.copyOf(out);
    }

    /** Fails unless every byte was read: trailing bytes mean a format this code does not know. */
    void end() {
      if (pos != buf.length) {
        throw new MalformedException((buf.length - pos) + " unexpected trailing bytes");
      }
    }
  }
}

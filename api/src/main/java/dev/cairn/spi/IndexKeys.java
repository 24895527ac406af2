package dev.cairn.spi;

import dev.cairn.CorruptedException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compact binary form of a record's index keys ({@link Write#indexKeys()}), for backends that
 * keep them beside a record or in a change-feed entry as one value. Stable: what one version of
 * Cairn encodes, later versions decode. Thread-safe (stateless).
 *
 * <p>Layout: an int count of indexes, then per index its UTF-8 name and an int count of keys,
 * then each key in UTF-8; every string is an int byte length followed by its bytes. Indexes and
 * keys are written in {@link String#compareTo} order, so equal index keys always encode to equal
 * bytes and a backend can compare a record's stored keys with new ones without decoding them.
 */
public final class IndexKeys {
  /**
   * The index that holds each named record's lower-cased name as its one key. At most one record
   * of a collection holds a key of this index at any revision: every write that gives a record a
   * name carries a {@link Precondition.IndexKeyFree} for it, and archives hold only consistent
   * states. A backend may therefore keep this index as a map from key to record id, and check
   * {@code IndexKeyFree} on it with a point read.
   */
  public static final String NAME_INDEX = "_name";

  private static final byte[] EMPTY = {0, 0, 0, 0};

  private IndexKeys() {}

  /**
   * Encodes index keys.
   *
   * @param indexKeys keys per index name, never null
   * @return a new array, never null
   */
  public static byte[] encode(Map<String, Set<String>> indexKeys) {
    if (indexKeys.isEmpty()) {
      return EMPTY.clone();
    }
    List<String> names = sorted(indexKeys.keySet());
    List<byte[]> parts = new ArrayList<>();
    int size = 4;
    for (String index : names) {
      byte[] name = index.getBytes(StandardCharsets.UTF_8);
      parts.add(name);
      size += 8 + name.length;
      for (String key : sorted(indexKeys.get(index))) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        parts.add(k);
        size += 4 + k.length;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(size).putInt(names.size());
    int part = 0;
    for (String index : names) {
      byte[] name = parts.get(part++);
      int keys = indexKeys.get(index).size();
      out.putInt(name.length).put(name).putInt(keys);
      for (int i = 0; i < keys; i++) {
        byte[] k = parts.get(part++);
        out.putInt(k.length).put(k);
      }
    }
    return out.array();
  }

  private static List<String> sorted(Set<String> strings) {
    List<String> list = new ArrayList<>(strings);
    if (list.size() > 1) {
      list.sort(null);
    }
    return list;
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @param bytes the encoded keys; null is read as no keys
   * @return the keys per index name, unmodifiable, never null
   * @throws CorruptedException if {@code bytes} is not a valid encoding
   */
  public static Map<String, Set<String>> decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return Map.of();
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int indexes = count(in);
      if (indexes == 0) {
        return Map.of();
      }
      Map<String, Set<String>> keys = new HashMap<>(indexes * 2);
      for (int i = 0; i < indexes; i++) {
        String name = string(in);
        int count = count(in);
        Set<String> set = new HashSet<>(count * 2);
        for (int k = 0; k < count; k++) {
          set.add(string(in));
        }
        keys.put(name, Set.copyOf(set));
      }
      if (in.hasRemaining()) {
        throw new CorruptedException("index keys have " + in.remaining() + " trailing bytes");
      }
      return Map.copyOf(keys);
    } catch (BufferUnderflowException e) {
      throw new CorruptedException("index keys end early (" + bytes.length + " bytes)");
    }
  }

  private static int count(ByteBuffer in) {
    int n = in.getInt();
    // each entry takes at least 4 bytes, so a count beyond the rest is damage, not a huge map
    if (n < 0 || n > in.remaining() / 4 + 1) {
      throw new CorruptedException("index keys hold an impossible count " + n + " at byte " + (in.position() - 4));
    }
    return n;
  }

  private static String string(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new CorruptedException("index keys hold an impossible length " + length + " at byte " + (in.position() - 4));
    }
    String s = new String(bytes(in, length), StandardCharsets.UTF_8);
    return s;
  }

  private static byte[] bytes(ByteBuffer in, int length) {
    byte[] b = new byte[length];
    in.get(b);
    return b;
  }
}

package dev.cairn.redis;

import dev.cairn.CorruptedException;
import dev.cairn.spi.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How records and index keys are laid out as Redis strings. A record is
 * {@code createRevision,modRevision,value} (the value binary, untouched); a record's index keys
 * are {@code index\0key\0} pairs sorted by index then key, so equal keys pack to equal strings
 * and the commit script can tell an unchanged set by comparing them. Ids and keys hold no NUL
 * ({@link dev.cairn.Names#checkKey}). Stateless.
 */
final class Packing {
  private static final byte[] EMPTY = new byte[0];

  private Packing() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(Object reply) {
    return new String((byte[]) reply, StandardCharsets.UTF_8);
  }

  static byte[] number(long n) {
    return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
  }

  static long number(Object reply) {
    if (reply instanceof Long) {
      return (Long) reply;
    }
    return Long.parseLong(new String((byte[]) reply, StandardCharsets.US_ASCII));
  }

  /**
   * The field of a record in its namespace's hash, {@code collection\0id}. Collections and ids
   * hold no NUL, and the hash's other fields start with one: {@code \0} the namespace's revision,
   * {@code \0collection} a collection's revision.
   */
  static byte[] recordField(byte[] collection, byte[] id) {
    byte[] field = Arrays.copyOf(collection, collection.length + 1 + id.length);
    System.arraycopy(id, 0, field, collection.length + 1, id.length);
    return field;
  }

  /** The field of a collection's revision in its namespace's hash, {@code \0collection}. */
  static byte[] collectionField(byte[] collection) {
    byte[] field = new byte[collection.length + 1];
    System.arraycopy(collection, 0, field, 1, collection.length);
    return field;
  }

  /** Packs index keys canonically; empty for none. */
  static byte[] indexKeys(Map<String, Set<String>> keys) {
    if (keys.isEmpty()) {
      return EMPTY;
    }
    StringBuilder out = new StringBuilder();
    new TreeMap<>(keys).forEach((index, values) -> {
      for (String key : new TreeSet<>(values)) {
        out.append(index).append('\0').append(key).append('\0');
      }
    });
    return utf8(out.toString());
  }

  /** Unpacks what {@link #indexKeys(Map)} packed. */
  static Map<String, Set<String>> indexKeys(byte[] packed) {
    if (packed == null || packed.length == 0) {
      return Map.of();
    }
    String[] parts = new String(packed, StandardCharsets.UTF_8).split("\0");
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    for (int i = 0; i + 1 < parts.length; i += 2) {
      keys.computeIfAbsent(parts[i], k -> new TreeSet<>()).add(parts[i + 1]);
    }
    keys.replaceAll((index, values) -> Set.copyOf(values));
    return keys;
  }

  /** Unpacks a record read back from its collection's hash. */
  static StoredRecord record(String collection, String id, byte[] packed) {
    int first = indexOf(packed, 0);
    int second = first < 0 ? -1 : indexOf(packed, first + 1);
    if (second < 0) {
      throw new CorruptedException("record " + collection + "/" + id + " is not in the Cairn layout");
    }
    long created = Long.parseLong(new String(packed, 0, first, StandardCharsets.US_ASCII));
    long modified = Long.parseLong(new String(packed, first + 1, second - first - 1, StandardCharsets.US_ASCII));
    return new StoredRecord(collection, id, Arrays.copyOfRange(packed, second + 1, packed.length), created, modified);
  }

  private static int indexOf(byte[] packed, int from) {
    for (int i = from; i < packed.length; i++) {
      if (packed[i] == ',') {
        return i;
      }
    }
    return -1;
  }
}

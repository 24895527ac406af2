package dev.cairn.memory;

import dev.cairn.Ids;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.StoredRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The records and index entries of one collection. Mutated only under the namespace's write
 * lock.
 */
final class MemoryCollection {
  /** Ids in id order, for scans; touched only by creates and deletes. */
  private final ConcurrentSkipListSet<String> ids = new ConcurrentSkipListSet<>(Ids.ORDER);
  /** The records by id; concurrent so optimistic readers never see a broken map. */
  private final ConcurrentHashMap<String, StoredRecord> byId = new ConcurrentHashMap<>();
  /** index name → key → ids holding it. */
  private final Map<String, NavigableMap<String, TreeSet<String>>> indexes = new HashMap<>();
  /** id → its index keys, to remove them on update and delete. */
  private final Map<String, Map<String, Set<String>>> keys = new HashMap<>();
  volatile long revision;

  MemoryCollection(String name) {}

  /** Returns the ids in {@code range}, in id order; callers hold the namespace's read lock. */
  NavigableSet<String> range(IdRange range) {
    NavigableSet<String> view = ids;
    if (range.lower() != null) {
      view = view.tailSet(range.lower(), range.lowerInclusive());
    }
    if (range.upper() != null) {
      view = view.headSet(range.upper(), false);
    }
    return view;
  }

  /** Returns whether the collection holds no record. */
  boolean isEmpty() {
    return byId.isEmpty();
  }

  /** Returns every record, in no particular order. */
  Iterable<StoredRecord> all() {
    return byId.values();
  }

  void put(StoredRecord record, Map<String, Set<String>> indexKeys) {
    StoredRecord old = byId.put(record.id(), record);
    if (old == null) {
      ids.add(record.id());
    } else if (indexKeys.equals(keys.getOrDefault(record.id(), Map.of()))) {
      return; // same index keys: nothing to move
    }
    unindex(record.id());
    if (!indexKeys.isEmpty()) {
      keys.put(record.id(), indexKeys);
      indexKeys.forEach((index, values) -> {
        NavigableMap<String, TreeSet<String>> byKey = indexes.computeIfAbsent(index, i -> new TreeMap<>(Ids.ORDER));
        for (String key : values) {
          byKey.computeIfAbsent(key, k -> new TreeSet<>(Ids.ORDER)).add(record.id());
        }
      });
    }
  }

  void remove(String id) {
    unindex(id);
    ids.remove(id);
    byId.remove(id);
  }

  private void unindex(String id) {
    Map<String, Set<String>> old = keys.remove(id);
    if (old == null) {
      return;
    }
    old.forEach((index, values) -> {
      NavigableMap<String, TreeSet<String>> byKey = indexes.get(index);
      for (String key : values) {
        TreeSet<String> ids = byKey.get(key);
        ids.remove(id);
        if (ids.isEmpty()) {
          byKey.remove(key);
        }
      }
    });
  }

  /** Returns the record with this id, or null; lock-free. */
  StoredRecord get(String id) {
    return byId.get(id);
  }

  Map<String, Set<String>> keysOf(String id) {
    return keys.getOrDefault(id, Map.of());
  }

  /** Returns the ids holding {@code key} (or a key with that prefix) in id order, each once. */
  Set<String> lookup(String index, String key, boolean prefix) {
    NavigableMap<String, TreeSet<String>> byKey = indexes.get(index);
    if (byKey == null) {
      return Set.of();
    }
    if (!prefix) {
      TreeSet<String> ids = byKey.get(key);
      return ids == null ? Set.of() : ids;
    }
    String end = Ids.prefixEnd(key);
    NavigableMap<String, TreeSet<String>> matching = end == null ? byKey.tailMap(key, true) : byKey.subMap(key, true, end, false);
    TreeSet<String> ids = new TreeSet<>(Ids.ORDER);
    matching.values().forEach(ids::addAll);
    return ids;
  }
}

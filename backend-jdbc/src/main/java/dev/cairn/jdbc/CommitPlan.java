package dev.cairn.jdbc;

import dev.cairn.ChangeType;
import dev.cairn.spi.IndexKeys;
import dev.cairn.spi.Write;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows one commit changes, worked out from its writes and the {@link CommitState} read
 * before: which records are created, updated or deleted, which index-key rows go and come, the
 * change-feed rows and the collection revisions. Pure: it touches no database.
 */
final class CommitPlan {
  /** One record write with what the feed says of it. */
  record RecordChange(ChangeType type, String collection, String id, byte[] value, long createRevision,
      long prevModRevision, byte[] indexKeys) {}

  /** One index-key row. */
  record KeyRow(String collection, String index, String key, String id) {}

  final long revision;
  final List<RecordChange> changes = new ArrayList<>();
  final List<KeyRow> keysRemoved = new ArrayList<>();
  final List<KeyRow> keysAdded = new ArrayList<>();
  /** Collection name to whether its row exists already. */
  final Map<String, Boolean> collections = new LinkedHashMap<>();

  CommitPlan(CommitState state, List<Write> writes) {
    this.revision = state.revision + 1;
    for (Write w : writes) {
      collections.putIfAbsent(w.collection(), state.collectionRevisions.containsKey(w.collection()));
      CommitState.Old old = state.records.get(new CommitState.RecordKey(w.collection(), w.id()));
      Map<String, Set<String>> oldKeys = old == null ? Map.of() : old.indexKeys();
      if (w.isDelete()) {
        if (old != null) {
          changes.add(new RecordChange(ChangeType.DELETE, w.collection(), w.id(), null, old.createRevision(),
              old.modRevision(), null));
          diff(w, oldKeys, Map.of(), keysRemoved);
        }
        continue;
      }
      changes.add(new RecordChange(old == null ? ChangeType.CREATE : ChangeType.UPDATE, w.collection(), w.id(),
          w.value(), old == null ? revision : old.createRevision(), old == null ? 0 : old.modRevision(),
          w.indexKeys().isEmpty() ? null : IndexKeys.encode(w.indexKeys())));
      diff(w, oldKeys, w.indexKeys(), keysRemoved);
      diff(w, w.indexKeys(), oldKeys, keysAdded);
    }
  }

  /** Adds to {@code out} the keys of {@code from} that {@code minus} does not hold. */
  private static void diff(Write w, Map<String, Set<String>> from, Map<String, Set<String>> minus, List<KeyRow> out) {
    from.forEach((index, keys) -> {
      Set<String> other = minus.getOrDefault(index, Set.of());
      for (String key : keys) {
        if (!other.contains(key)) {
          out.add(new KeyRow(w.collection(), index, key, w.id()));
        }
      }
    });
  }
}

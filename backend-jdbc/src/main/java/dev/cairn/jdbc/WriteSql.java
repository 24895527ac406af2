package dev.cairn.jdbc;

import dev.cairn.ChangeType;
import java.util.Map;

/**
 * The portable statements a commit on SQLite or H2 writes its rows with, one per kind of row,
 * the order a plan's rows go in ({@link #rows}) and the statements that trim history:
 * {@link BatchWriter} runs the rows as JDBI batches, {@link SqliteCommit} one by one on kept
 * statements. Only the validated table prefix goes into them; every value is a bind parameter.
 */
final class WriteSql {
  /** Takes one row: its statement and arguments (String, byte[] or null, Integer, Long). */
  interface Rows {
    void add(String statement, Object... args);
  }

  /** Records are written deletes first, so that a create never meets the row it replaces. */
  private static final ChangeType[] RECORD_ORDER = {ChangeType.DELETE, ChangeType.UPDATE, ChangeType.CREATE};

  final String insertNamespace;
  final String moveNamespace;
  final String moveNamespaceAndCollection;
  final String insertRecord;
  final String updateRecord;
  final String deleteRecord;
  final String insertKey;
  final String deleteKey;
  final String insertChange;
  final String insertCollection;
  final String updateCollection;
  final String insertToken;
  final String setFloor;
  final String dropChanges;
  final String dropTokens;

  WriteSql(Tables t) {
    String namespaceRow = " WHERE ns = ? AND coll = " + Tables.NAMESPACE_ROW;
    insertNamespace = "INSERT INTO " + t.collections + " (ns, coll, revision, floor) VALUES (?, "
        + Tables.NAMESPACE_ROW + ", 0, 0)";
    moveNamespace = "UPDATE " + t.collections + " SET revision = ?" + namespaceRow + " AND revision = ?";
    moveNamespaceAndCollection = "UPDATE " + t.collections + " SET revision = ? WHERE ns = ? AND coll IN ("
        + Tables.NAMESPACE_ROW + ", ?)";
    insertRecord = "INSERT INTO " + t.records + " (ns, coll, id, payload, create_rev, mod_rev, index_keys)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    updateRecord = "UPDATE " + t.records + " SET payload = ?, mod_rev = ?, index_keys = ?"
        + " WHERE ns = ? AND coll = ? AND id = ?";
    deleteRecord = "DELETE FROM " + t.records + " WHERE ns = ? AND coll = ? AND id = ?";
    insertKey = "INSERT INTO " + t.indexKeys + " (ns, coll, idx, ikey, id) VALUES (?, ?, ?, ?, ?)";
    deleteKey = "DELETE FROM " + t.indexKeys + " WHERE ns = ? AND coll = ? AND idx = ? AND ikey = ? AND id = ?";
    insertChange = "INSERT INTO " + t.changes + " (ns, revision, seq, kind, coll, id, payload, create_rev,"
        + " prev_mod_rev, index_keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    insertCollection = "INSERT INTO " + t.collections + " (ns, coll, revision) VALUES (?, ?, ?)";
    updateCollection = "UPDATE " + t.collections + " SET revision = ? WHERE ns = ? AND coll = ?";
    insertToken = "INSERT INTO " + t.tokens + " (ns, token, revision) VALUES (?, ?, ?)";
    setFloor = "UPDATE " + t.collections + " SET floor = ?" + namespaceRow;
    dropChanges = "DELETE FROM " + t.changes + " WHERE ns = ? AND revision <= ?";
    dropTokens = "DELETE FROM " + t.tokens + " WHERE ns = ? AND revision <= ?";
  }

  /**
   * Hands {@code out} every row of the plan after the revision move, grouped by statement in the
   * order they run: records, change-feed rows, index keys gone, index keys new, collections new,
   * collections moved (unless {@code collectionsMoved}: {@link #moveNamespaceAndCollection} moved
   * them), the commit token.
   */
  void rows(String ns, CommitPlan plan, String token, boolean collectionsMoved, Rows out) {
    for (ChangeType type : RECORD_ORDER) {
      for (CommitPlan.RecordChange r : plan.changes) {
        if (r.type() != type) {
          continue;
        }
        byte[] id = CommitState.utf8(r.id());
        if (type == ChangeType.CREATE) {
          out.add(insertRecord, ns, r.collection(), id, r.value(), r.createRevision(), plan.revision, r.indexKeys());
        } else if (type == ChangeType.UPDATE) {
          out.add(updateRecord, r.value(), plan.revision, r.indexKeys(), ns, r.collection(), id);
        } else {
          out.add(deleteRecord, ns, r.collection(), id);
        }
      }
    }
    int seq = 0;
    for (CommitPlan.RecordChange r : plan.changes) {
      out.add(insertChange, ns, plan.revision, seq++, (int) BatchWriter.kind(r.type()), r.collection(),
          CommitState.utf8(r.id()), r.value(), r.createRevision(), r.prevModRevision(), r.indexKeys());
    }
    for (CommitPlan.KeyRow k : plan.keysRemoved) {
      out.add(deleteKey, ns, k.collection(), k.index(), CommitState.utf8(k.key()), CommitState.utf8(k.id()));
    }
    for (CommitPlan.KeyRow k : plan.keysAdded) {
      out.add(insertKey, ns, k.collection(), k.index(), CommitState.utf8(k.key()), CommitState.utf8(k.id()));
    }
    for (Map.Entry<String, Boolean> e : plan.collections.entrySet()) {
      if (!e.getValue()) {
        out.add(insertCollection, ns, e.getKey(), plan.revision);
      }
    }
    for (Map.Entry<String, Boolean> e : plan.collections.entrySet()) {
      if (e.getValue() && !collectionsMoved) {
        out.add(updateCollection, plan.revision, ns, e.getKey());
      }
    }
    out.add(insertToken, ns, token, plan.revision);
  }

  /**
   * Hands {@code out} the statements that trim the namespace's past once {@code revision}
   * commits, as {@code retention} says is due: the feed below its retention (its floor now
   * {@code floor}), the tokens past their keeping.
   */
  void trim(String ns, Retention retention, long floor, long revision, Rows out) {
    if (retention.historyDue(floor, revision)) {
      dropHistoryThrough(ns, retention.historyFloor(revision), out);
    }
    if (retention.tokensDue(revision)) {
      out.add(dropTokens, ns, retention.tokenFloor(revision));
    }
  }

  /** Hands {@code out} the statements that move the namespace's floor to {@code floor} and drop the changes up to it. */
  void dropHistoryThrough(String ns, long floor, Rows out) {
    out.add(setFloor, floor, ns);
    out.add(dropChanges, ns, floor);
  }
}

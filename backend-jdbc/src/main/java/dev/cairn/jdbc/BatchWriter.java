package dev.cairn.jdbc;

import dev.cairn.ChangeType;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Applies a {@link CommitPlan} with portable statements in the caller's database transaction:
 * first the namespace's revision moves from the one the plan was made at to the next (or
 * nothing is written, the race being lost), then every row follows in batches.
 */
final class BatchWriter {
  private final Tables t;
  private final String insertRecord;
  private final String updateRecord;
  private final String deleteRecord;
  private final String insertKey;
  private final String deleteKey;
  private final String insertChange;
  private final String insertCollection;
  private final String updateCollection;
  private final String insertToken;

  BatchWriter(Tables t) {
    this.t = t;
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
  }

  /**
   * Moves the namespace's revision on and writes the plan's rows.
   *
   * @return whether it applied; false if another commit moved the revision first
   */
  boolean apply(Handle h, String ns, CommitState state, CommitPlan plan, String token) {
    if (!state.namespaceExists) {
      h.execute("INSERT INTO " + t.namespaces + " (ns, revision, floor) VALUES (?, 0, 0)", ns);
    }
    int moved = h.execute("UPDATE " + t.namespaces + " SET revision = ? WHERE ns = ? AND revision = ?",
        plan.revision, ns, state.revision);
    if (moved == 0) {
      return false;
    }
    PreparedBatch inserts = h.prepareBatch(insertRecord);
    PreparedBatch updates = h.prepareBatch(updateRecord);
    PreparedBatch deletes = h.prepareBatch(deleteRecord);
    PreparedBatch changes = h.prepareBatch(insertChange);
    int seq = 0;
    for (CommitPlan.RecordChange c : plan.changes) {
      byte[] id = CommitState.utf8(c.id());
      if (c.type() == ChangeType.CREATE) {
        inserts.add(ns, c.collection(), id, c.value(), c.createRevision(), plan.revision, c.indexKeys());
      } else if (c.type() == ChangeType.UPDATE) {
        updates.add(c.value(), plan.revision, c.indexKeys(), ns, c.collection(), id);
      } else {
        deletes.add(ns, c.collection(), id);
      }
      changes.add(ns, plan.revision, seq++, kind(c.type()), c.collection(), id, c.value(), c.createRevision(),
          c.prevModRevision(), c.indexKeys());
    }
    run(deletes);
    run(updates);
    run(inserts);
    run(changes);
    PreparedBatch keysGone = h.prepareBatch(deleteKey);
    for (CommitPlan.KeyRow k : plan.keysRemoved) {
      keysGone.add(ns, k.collection(), k.index(), CommitState.utf8(k.key()), CommitState.utf8(k.id()));
    }
    run(keysGone);
    PreparedBatch keysNew = h.prepareBatch(insertKey);
    for (CommitPlan.KeyRow k : plan.keysAdded) {
      keysNew.add(ns, k.collection(), k.index(), CommitState.utf8(k.key()), CommitState.utf8(k.id()));
    }
    run(keysNew);
    PreparedBatch newCollections = h.prepareBatch(insertCollection);
    PreparedBatch movedCollections = h.prepareBatch(updateCollection);
    plan.collections.forEach((collection, exists) -> {
      if (exists) {
        movedCollections.add(plan.revision, ns, collection);
      } else {
        newCollections.add(ns, collection, plan.revision);
      }
    });
    run(newCollections);
    run(movedCollections);
    h.execute(insertToken, ns, token, plan.revision);
    return true;
  }

  static short kind(ChangeType type) {
    return (short) type.ordinal();
  }

  private static void run(PreparedBatch batch) {
    if (batch.size() > 0) {
      batch.execute();
    }
  }
}

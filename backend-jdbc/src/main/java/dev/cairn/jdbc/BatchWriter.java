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
  private final WriteSql sql;

  BatchWriter(WriteSql sql) {
    this.sql = sql;
  }

  /**
   * Moves the namespace's revision on and writes the plan's rows.
   *
   * @return whether it applied; false if another commit moved the revision first
   */
  boolean apply(Handle h, String ns, CommitState state, CommitPlan plan, String token) {
    if (!state.namespaceExists) {
      h.execute(sql.insertNamespace, ns);
    }
    int moved = h.execute(sql.moveNamespace, plan.revision, ns, state.revision);
    if (moved == 0) {
      return false;
    }
    PreparedBatch inserts = h.prepareBatch(sql.insertRecord);
    PreparedBatch updates = h.prepareBatch(sql.updateRecord);
    PreparedBatch deletes = h.prepareBatch(sql.deleteRecord);
    PreparedBatch changes = h.prepareBatch(sql.insertChange);
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
    PreparedBatch keysGone = h.prepareBatch(sql.deleteKey);
    for (CommitPlan.KeyRow k : plan.keysRemoved) {
      keysGone.add(ns, k.collection(), k.index(), CommitState.utf8(k.key()), CommitState.utf8(k.id()));
    }
    run(keysGone);
    PreparedBatch keysNew = h.prepareBatch(sql.insertKey);
    for (CommitPlan.KeyRow k : plan.keysAdded) {
      keysNew.add(ns, k.collection(), k.index(), CommitState.utf8(k.key()), CommitState.utf8(k.id()));
    }
    run(keysNew);
    PreparedBatch newCollections = h.prepareBatch(sql.insertCollection);
    PreparedBatch movedCollections = h.prepareBatch(sql.updateCollection);
    plan.collections.forEach((collection, exists) -> {
      if (exists) {
        movedCollections.add(plan.revision, ns, collection);
      } else {
        newCollections.add(ns, collection, plan.revision);
      }
    });
    run(newCollections);
    run(movedCollections);
    h.execute(sql.insertToken, ns, token, plan.revision);
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

package dev.cairn.jdbc;

import dev.cairn.ChangeType;
import java.util.LinkedHashMap;
import java.util.Map;
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
    // one batch per statement, run in the order the rows come (grouped by statement)
    Map<String, PreparedBatch> batches = new LinkedHashMap<>();
    sql.rows(ns, plan, token, false, (statement, args) -> batches.computeIfAbsent(statement, h::prepareBatch).add(args));
    batches.values().forEach(PreparedBatch::execute);
    return true;
  }

  static short kind(ChangeType type) {
    return (short) type.ordinal();
  }
}

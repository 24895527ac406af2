package dev.cairn.jdbc;

import dev.cairn.ChangeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * SQLite's commit writer: the rows of {@link BatchWriter}, in its order, each an
 * {@code executeUpdate} of a statement kept by {@link CachingStatementBuilder}, on the handle's
 * connection in its transaction. Through JDBI a single-record commit was seven statements and
 * batches, each a statement context and argument lookup, about 13 % of the commit beside
 * SQLite's own work (measured: JFR, JdbcUpdateBenchmark); SQLite runs a batch row by row anyway.
 * Thread-safe: it keeps no state of a commit.
 */
final class SqliteWriter {
  private final WriteSql sql;
  private final CachingStatementBuilder statements;

  SqliteWriter(WriteSql sql, CachingStatementBuilder statements) {
    this.sql = sql;
    this.statements = statements;
  }

  /**
   * Moves the namespace's revision on and writes the plan's rows, in the handle's open transaction.
   *
   * @return whether it applied; false if another commit moved the revision first
   * @throws UnableToExecuteStatementException if a statement fails, as JDBI would throw it
   */
  boolean apply(Handle h, String ns, CommitState state, CommitPlan plan, String token) {
    Connection c = h.getConnection();
    try {
      if (!state.namespaceExists) {
        run(c, sql.insertNamespace, ns);
      }
      if (run(c, sql.moveNamespace, plan.revision, ns, state.revision) == 0) {
        return false;
      }
      for (ChangeType type : new ChangeType[] {ChangeType.DELETE, ChangeType.UPDATE, ChangeType.CREATE}) {
        for (CommitPlan.RecordChange r : plan.changes) {
          if (r.type() != type) {
            continue;
          }
          byte[] id = CommitState.utf8(r.id());
          if (type == ChangeType.CREATE) {
            run(c, sql.insertRecord, ns, r.collection(), id, r.value(), r.createRevision(), plan.revision, r.indexKeys());
          } else if (type == ChangeType.UPDATE) {
            run(c, sql.updateRecord, r.value(), plan.revision, r.indexKeys(), ns, r.collection(), id);
          } else {
            run(c, sql.deleteRecord, ns, r.collection(), id);
          }
        }
      }
      int seq = 0;
      for (CommitPlan.RecordChange r : plan.changes) {
        run(c, sql.insertChange, ns, plan.revision, seq++, (int) BatchWriter.kind(r.type()), r.collection(),
            CommitState.utf8(r.id()), r.value(), r.createRevision(), r.prevModRevision(), r.indexKeys());
      }
      for (CommitPlan.KeyRow k : plan.keysRemoved) {
        run(c, sql.deleteKey, ns, k.collection(), k.index(), CommitState.utf8(k.key()), CommitState.utf8(k.id()));
      }
      for (CommitPlan.KeyRow k : plan.keysAdded) {
        run(c, sql.insertKey, ns, k.collection(), k.index(), CommitState.utf8(k.key()), CommitState.utf8(k.id()));
      }
      for (boolean existing : new boolean[] {false, true}) {
        for (var e : plan.collections.entrySet()) {
          if (e.getValue() != existing) {
            continue;
          }
          if (existing) {
            run(c, sql.updateCollection, plan.revision, ns, e.getKey());
          } else {
            run(c, sql.insertCollection, ns, e.getKey(), plan.revision);
          }
        }
      }
      run(c, sql.insertToken, ns, token, plan.revision);
      return true;
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  /** Runs one statement with its arguments (String, byte[] or null, Integer, Long); returns the rows changed. */
  private int run(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = statements.prepare(c, sql);
    try {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a instanceof Long) {
          ps.setLong(i + 1, (Long) a);
        } else if (a instanceof Integer) {
          ps.setInt(i + 1, (Integer) a);
        } else if (a instanceof String) {
          ps.setString(i + 1, (String) a);
        } else {
          ps.setBytes(i + 1, (byte[]) a);
        }
      }
      return ps.executeUpdate();
    } finally {
      statements.close(c, sql, ps);
    }
  }
}

package dev.cairn.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * SQLite's commit writer: the rows of {@link WriteSql#rows}, in their order, each an
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
      sql.rows(ns, plan, token, (statement, args) -> {
        try {
          run(c, statement, args);
        } catch (SQLException e) {
          throw new UnableToExecuteStatementException(e, null);
        }
      });
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

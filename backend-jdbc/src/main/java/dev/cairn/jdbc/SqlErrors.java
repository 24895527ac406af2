package dev.cairn.jdbc;

import dev.cairn.CairnException;
import dev.cairn.ClosedException;
import dev.cairn.InvalidArgumentException;
import dev.cairn.UnavailableException;
import dev.cairn.spi.CommitOutcomeUnknownException;
import dev.cairn.spi.CommitRequest;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;

/** Turns driver and pool failures into Cairn's errors, naming the store by its redacted URI. */
final class SqlErrors {
  private final String redactedUri;
  private final JdbcConfig config;

  SqlErrors(JdbcConfig config) {
    this.config = config;
    this.redactedUri = config.redacted();
  }

  /** Whether the failure is a lost optimistic race or a lock conflict, worth running again. */
  static boolean isConflict(Throwable e) {
    SQLException sql = sqlCause(e);
    if (sql == null) {
      return false;
    }
    String state = sql.getSQLState();
    // 40001 serialization failure, 40P01 deadlock, 23505 (SQLite: constraint 19/1555) a first
    // commit of a namespace racing another, H2's 90131 concurrent update.
    return "40001".equals(state) || "40P01".equals(state) || "23505".equals(state) || "90131".equals(state)
        || (isSqlite(sql) && (sql.getErrorCode() == 19 || sql.getErrorCode() == 1555));
  }

  private static boolean isSqlite(SQLException sql) {
    return sql.getClass().getName().startsWith("org.sqlite");
  }

  static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return (SQLException) t;
      }
    }
    return null;
  }

  /** Maps a failure of {@code what} to a Cairn exception; Cairn's own exceptions pass through. */
  CairnException map(String what, Exception e, boolean closed) {
    if (e instanceof CairnException) {
      return (CairnException) e;
    }
    if (closed) {
      return new ClosedException("the JDBC store " + redactedUri + " is closed");
    }
    SQLException sql = sqlCause(e);
    if (sql instanceof SQLTransientConnectionException && sql.getCause() != null) {
      // the pool could not open a connection at all: say why, not that the pool is busy
      return new UnavailableException(what + " on " + redactedUri + ": cannot connect" + detail(sqlCause(sql.getCause()))
          + (sqlCause(sql.getCause()) == null ? ": " + sql.getCause().getMessage() : ""), e);
    }
    if (sql instanceof SQLTransientConnectionException || e instanceof ConnectionException && sql == null) {
      return new UnavailableException(what + " on " + redactedUri + ": no connection free in the pool of "
          + config.poolSize() + " within " + config.poolTimeout().toMillis() + " ms (raise poolSize or poolTimeout)"
          + detail(sql), e);
    }
    return new UnavailableException(what + " on " + redactedUri + " failed" + detail(sql), e);
  }

  private static String detail(SQLException sql) {
    if (sql == null) {
      return "";
    }
    String state = sql.getSQLState() == null ? "" : " [SQLState " + sql.getSQLState() + "]";
    return ": " + sql.getMessage() + state;
  }

  /** The error of a commit whose token an earlier commit of the namespace used: a caller's mistake. */
  InvalidArgumentException tokenReused(String namespace, CommitRequest request) {
    return new InvalidArgumentException("commit token " + request.token() + " was used before in namespace "
        + namespace + " on " + redactedUri + ": each commit needs a token of its own");
  }

  /** The error of a commit that may or may not have applied: Cairn resolves it by the token. */
  CommitOutcomeUnknownException outcomeUnknown(String namespace, CommitRequest request, Exception e) {
    return new CommitOutcomeUnknownException("commit " + request.token() + " to namespace " + namespace + " on "
        + redactedUri + " lost its connection while committing", e);
  }

  /** Whether a JDBI failure came from the connection (so a commit's outcome is unknown). */
  static boolean isConnectionLoss(JdbiException e) {
    SQLException sql = sqlCause(e);
    return sql == null || sql.getSQLState() == null || sql.getSQLState().startsWith("08")
        || sql.getSQLState().startsWith("57P");
  }
}

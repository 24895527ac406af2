package dev.cairn.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.PreconditionFailedException;
import dev.cairn.spi.Write;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A commit on SQLite: on a pooled connection and its kept statements, without JDBI, whose handle,
 * statement contexts and argument binding were a third of a single-record commit (measured with
 * a profiler on the read-modify-write benchmark). The transaction is SQL's own ({@code BEGIN
 * IMMEDIATE} ... {@code COMMIT} on a connection left in auto-commit mode): the driver's
 * {@code commit()} begins the next transaction at once, taking the write lock again for nothing.
 *
 * <p>{@code BEGIN IMMEDIATE} takes the database's one write lock before anything is read, so the
 * state read after it is current and the commit cannot lose a race: it runs once. Thread-safe: it
 * keeps no state of a commit.
 */
final class SqliteCommit {
  private static final String BEGIN = "BEGIN IMMEDIATE";
  private static final String COMMIT = "COMMIT";
  private static final String ROLLBACK = "ROLLBACK";

  private final HikariDataSource pool;
  private final Tables t;
  private final WriteSql sql;
  private final CachingStatementBuilder statements;
  private final Retention retention;
  private final SqlErrors errors;

  SqliteCommit(HikariDataSource pool, Tables t, CachingStatementBuilder statements, Retention retention,
      SqlErrors errors) {
    this.pool = pool;
    this.t = t;
    this.sql = new WriteSql(t);
    this.statements = statements;
    this.retention = retention;
    this.errors = errors;
  }

  /**
   * Commits {@code request} to the namespace, and trims its history when due.
   *
   * @return the new revision
   * @throws PreconditionFailedException if a precondition does not hold; nothing was written
   * @throws dev.cairn.InvalidArgumentException if the commit's token was used before
   * @throws dev.cairn.spi.CommitOutcomeUnknownException if {@code COMMIT} itself failed
   * @throws SQLException if anything else failed; nothing was written
   */
  long commit(String ns, CommitRequest request) throws SQLException {
    try (Connection c = pool.getConnection()) {
      statements.update(c, BEGIN);
      boolean committed = false;
      try {
        CommitState state = readState(c, ns, request);
        Precondition failed = state.firstFailed(request.preconditions());
        if (failed != null) {
          throw new PreconditionFailedException(failed);
        }
        CommitPlan plan = new CommitPlan(state, request.writes());
        try {
          write(c, ns, state, plan, request.token());
        } catch (SQLException e) {
          if (SqlErrors.isConflict(e) && tokenUsed(c, ns, request.token())) {
            // under the write lock no race can break a key: only a token used before can
            throw errors.tokenReused(ns, request);
          }
          throw e;
        }
        if (retention.due(state.floor, plan.revision)) {
          run(c, out -> sql.trim(ns, retention, state.floor, plan.revision, out));
        }
        try {
          statements.update(c, COMMIT);
        } catch (SQLException e) {
          throw errors.outcomeUnknown(ns, request, e);
        }
        committed = true;
        return plan.revision;
      } finally {
        if (!committed) {
          rollback(c);
        }
      }
    }
  }

  /**
   * Reads what the commit needs: for the commonest commit, of one record, by a statement of three
   * key probes in one row (the general statement's shape and rows cost a single-record commit a
   * quarter of its time, measured); else by {@link CommitState#query}.
   */
  private CommitState readState(Connection c, String ns, CommitRequest request) throws SQLException {
    CommitState state = new CommitState();
    if (CommitState.ofOneRecord(request)) {
      Write w = request.writes().get(0);
      statements.query(c, t.stateOfOne, List.of(ns, w.collection(), CommitState.utf8(w.id())),
          rs -> state.addOne(rs, w.collection(), w.id()));
    } else {
      CommitState.Read read = CommitState.query(t, Dialect.SQLITE, ns, request);
      statements.query(c, read.sql(), read.args(), state::add);
    }
    return state;
  }

  /**
   * Moves the namespace's revision on and writes the plan's rows, in {@link WriteSql#rows}' order.
   * The commonest commit, to one existing collection, moves both revision rows in one statement.
   */
  private void write(Connection c, String ns, CommitState state, CommitPlan plan, String token) throws SQLException {
    String only = plan.collections.size() == 1 ? plan.collections.keySet().iterator().next() : null;
    boolean together = state.namespaceExists && only != null && plan.collections.get(only);
    if (together) {
      if (statements.update(c, sql.moveNamespaceAndCollection, plan.revision, ns, only) != 2) {
        throw new SQLException("the revision rows of namespace " + ns + " and collection " + only + " are missing");
      }
    } else {
      if (!state.namespaceExists) {
        statements.update(c, sql.insertNamespace, ns);
      }
      if (statements.update(c, sql.moveNamespace, plan.revision, ns, state.revision) != 1) {
        throw new SQLException("the revision of namespace " + ns + " moved under SQLite's write lock");
      }
    }
    run(c, out -> sql.rows(ns, plan, token, together, out));
  }

  /** Runs, in order, the statements that {@code source} hands out; stops at the first that fails. */
  private void run(Connection c, Consumer<WriteSql.Rows> source) throws SQLException {
    SQLException[] failure = {null};
    source.accept((statement, args) -> {
      if (failure[0] == null) {
        try {
          statements.update(c, statement, args);
        } catch (SQLException e) {
          failure[0] = e;
        }
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private boolean tokenUsed(Connection c, String ns, String token) throws SQLException {
    boolean[] found = {false};
    statements.query(c, t.tokenRevision, List.of(ns, token), rs -> found[0] = true);
    return found[0];
  }

  /**
   * Ends the transaction without writing. If even that fails, the connection may still hold it,
   * so the pool closes the connection rather than lend it again.
   */
  private void rollback(Connection c) {
    try {
      statements.update(c, ROLLBACK);
    } catch (SQLException e) {
      pool.evictConnection(c);
    }
  }
}

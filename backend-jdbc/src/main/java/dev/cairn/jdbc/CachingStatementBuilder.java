package dev.cairn.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of each pooled connection for reuse, for drivers that parse a
 * statement again on every {@code prepareStatement} (SQLite's does; PostgreSQL's keeps its own
 * cache, H2 its own): a point read there was mostly the parsing of its SQL. Statements are made
 * on the physical connection beneath the pool's wrapper, which would close them when the
 * connection goes back to the pool, and live until the pool closes that connection (then they are
 * dropped when the pool opens another). At most
 * {@link #PER_CONNECTION} per connection, the least recently used closed first. A connection is
 * used by one thread at a time, so each connection's map needs no lock of its own. Besides lending
 * them to JDBI, it runs updates and queries on them directly, for {@link SqliteCommit}.
 */
final class CachingStatementBuilder extends DefaultStatementBuilder {
  private static final int PER_CONNECTION = 64;

  private final Map<Connection, Map<String, PreparedStatement>> byConnection =
      Collections.synchronizedMap(new HashMap<>());

  @Override
  public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
    if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
      return super.create(conn, sql, ctx);
    }
    return prepare(conn, sql);
  }

  /**
   * Returns the connection's statement for {@code sql}, prepared on first use; the caller must
   * not close it, and hands it back by {@link #close(Connection, String, Statement)}.
   */
  PreparedStatement prepare(Connection conn, String sql) throws SQLException {
    Connection physical = conn.unwrap(Connection.class);
    Map<String, PreparedStatement> cache = byConnection.get(physical);
    if (cache == null) {
      forgetClosedConnections();
      cache = new Lru();
      byConnection.put(physical, cache);
    }
    PreparedStatement stmt = cache.get(sql);
    if (stmt == null || stmt.isClosed()) {
      stmt = physical.prepareStatement(sql);
      cache.put(sql, stmt);
    }
    return stmt;
  }

  /** Takes one row of a result. */
  interface Rows {
    void add(ResultSet rs) throws SQLException;
  }

  /**
   * Runs an update on the connection's kept statement for {@code sql}, bypassing JDBI.
   *
   * @param args the arguments in order: String, byte[] or null, Integer, Long
   * @return the rows changed
   */
  int update(Connection conn, String sql, Object... args) throws SQLException {
    PreparedStatement ps = prepare(conn, sql);
    bind(ps, args);
    return ps.executeUpdate();
  }

  /** Runs a query on the connection's kept statement for {@code sql}, handing {@code rows} each row. */
  void query(Connection conn, String sql, List<Object> args, Rows rows) throws SQLException {
    PreparedStatement ps = prepare(conn, sql);
    bind(ps, args.toArray());
    // closing the result resets the statement, so that it holds no read open (a COMMIT would fail)
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(rs);
      }
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
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
  }

  @Override
  public void close(Connection conn, String sql, Statement stmt) throws SQLException {
    Map<String, PreparedStatement> cache = sql == null ? null : byConnection.get(conn.unwrap(Connection.class));
    if (cache != null && cache.get(sql) == stmt) {
      // Kept with its last arguments, which the next use overwrites: clearing them
      // (sqlite3_clear_bindings) made the statement's next run cost 20 µs more, measured.
      return;
    }
    super.close(conn, sql, stmt);
  }

  /**
   * Drops the statements of connections the pool has closed. The statements refer to their
   * connection, so the weak keys alone would never let go; a new connection is when the pool
   * has retired an old one.
   */
  private void forgetClosedConnections() {
    synchronized (byConnection) {
      byConnection.keySet().removeIf(c -> {
        try {
          return c.isClosed();
        } catch (SQLException e) {
          return true;
        }
      });
    }
  }

  /** The statements of one connection, least recently used first. */
  private static final class Lru extends LinkedHashMap<String, PreparedStatement> {
    private static final long serialVersionUID = 1L;

    Lru() {
      super(16, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() <= PER_CONNECTION) {
        return false;
      }
      try {
        eldest.getValue().close();
      } catch (SQLException e) {
        // the connection is going anyway
      }
      return true;
    }
  }
}

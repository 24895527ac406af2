package dev.cairn.bench.jdbc;

import dev.cairn.bench.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The raw JDBC baseline: the same {@link Fixtures#RECORDS} counters as Cairn's, encoded the
 * same way, in a table {@code raw_counters(id, value, version)} of the same database, read and
 * written through prepared statements on one connection. Not thread-safe: one per benchmark
 * thread.
 */
final class RawCounters implements AutoCloseable {
  private final Connection connection;
  private final PreparedStatement read;
  private final PreparedStatement readForUpdate;
  private final PreparedStatement write;

  private RawCounters(Connection connection) throws SQLException {
    this.connection = connection;
    this.read = connection.prepareStatement("SELECT value FROM raw_counters WHERE id = ?");
    this.readForUpdate = connection.prepareStatement("SELECT value, version FROM raw_counters WHERE id = ?");
    this.write = connection.prepareStatement(
        "UPDATE raw_counters SET value = ?, version = version + 1 WHERE id = ? AND version = ?");
  }

  /** Creates and fills the table (counter i has value i, on node i % NODES, version 1). */
  static void load(Database db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE raw_counters (id VARCHAR(512) PRIMARY KEY, value " + db.bytesType()
          + " NOT NULL, version BIGINT NOT NULL)");
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO raw_counters (id, value, version) VALUES (?, ?, 1)")) {
        for (int i = 0; i < Fixtures.RECORDS; i++) {
          insert.setString(1, Fixtures.IDS[i]);
          insert.setBytes(2, Fixtures.CODEC.encode(new Fixtures.Counter(i, i % Fixtures.NODES)));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }

  /**
   * Opens a connection to the loaded table.
   *
   * @param forUpdates autocommit off, for {@link #increment}; else on, for {@link #get}
   */
  static RawCounters open(Database db, boolean forUpdates) throws SQLException {
    Connection c = db.connect();
    c.setAutoCommit(!forUpdates);
    return new RawCounters(c);
  }

  /** A primary-key read and decode (autocommit on: one statement, one round trip). */
  Fixtures.Counter get(String id) throws SQLException {
    read.setString(1, id);
    try (ResultSet rs = read.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("no raw counter " + id);
      }
      return Fixtures.CODEC.decode(rs.getBytes(1));
    }
  }

  /**
   * One read-modify-write transaction (autocommit off): read value and version, decode,
   * increment, encode, write conditioned on the version read, commit.
   *
   * @return the version written
   */
  long increment(String id) throws SQLException {
    try {
      readForUpdate.setString(1, id);
      byte[] value;
      long version;
      try (ResultSet rs = readForUpdate.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no raw counter " + id);
        }
        value = rs.getBytes(1);
        version = rs.getLong(2);
      }
      Fixtures.Counter c = Fixtures.CODEC.decode(value);
      write.setBytes(1, Fixtures.CODEC.encode(new Fixtures.Counter(c.value() + 1, c.node())));
      write.setString(2, id);
      write.setLong(3, version);
      if (write.executeUpdate() != 1) {
        throw new IllegalStateException("raw counter " + id + " changed under a single writer");
      }
      connection.commit();
      return version + 1;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}

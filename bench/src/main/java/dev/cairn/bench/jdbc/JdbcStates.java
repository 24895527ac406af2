package dev.cairn.bench.jdbc;

import dev.cairn.Store;
import dev.cairn.bench.Fixtures;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH states of the JDBC benchmarks. The Cairn side and the raw side are separate states
 * over one {@link Db}, so that a raw benchmark never opens a Cairn store (and runs before the
 * JDBC backend exists).
 */
public final class JdbcStates {
  private JdbcStates() {}

  /** The database both sides use, fresh per trial, holding the raw table loaded. */
  @State(Scope.Benchmark)
  public static class Db {
    /** Which database: PostgreSQL (a server of its own on loopback) or SQLite (a temp file). */
    @Param({Database.POSTGRESQL, Database.SQLITE})
    public String database;

    Database db;

    /** Starts PostgreSQL or creates the SQLite file, and loads the raw table. */
    @Setup(Level.Trial)
    public void open() throws SQLException {
      db = Database.open(database);
      RawCounters.load(db);
    }

    /** Stops and deletes it. */
    @TearDown(Level.Trial)
    public void close() {
      db.close();
    }
  }

  /** Cairn's store on the database, loaded with the same counters. */
  @State(Scope.Benchmark)
  public static class CairnStore {
    Store store;

    /** Opens and loads the store; fails until the JDBC backend is on the class path. */
    @Setup(Level.Trial)
    public void open(Db db) {
      store = Fixtures.openLoaded(db.db.cairnUri(), (id, c) -> { });
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void close() {
      store.close();
    }
  }

  /** One raw connection per benchmark thread, autocommit on, for point reads. */
  @State(Scope.Thread)
  public static class RawReads {
    RawCounters counters;

    /** Opens the connection. */
    @Setup(Level.Trial)
    public void open(Db db) throws SQLException {
      counters = RawCounters.open(db.db, false);
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      counters.close();
    }
  }

  /** One raw connection per benchmark thread, autocommit off, for read-modify-write transactions. */
  @State(Scope.Thread)
  public static class RawUpdates {
    RawCounters counters;

    /** Opens the connection. */
    @Setup(Level.Trial)
    public void open(Db db) throws SQLException {
      counters = RawCounters.open(db.db, true);
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      counters.close();
    }
  }

  static String randomId() {
    return Fixtures.IDS[ThreadLocalRandom.current().nextInt(Fixtures.RECORDS)];
  }
}

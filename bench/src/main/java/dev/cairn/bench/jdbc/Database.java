package dev.cairn.bench.jdbc;

import dev.cairn.jdbc.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * One database the Cairn store and the raw JDBC baseline share: a fresh PostgreSQL server
 * (from backend-jdbc's test harness) or a fresh SQLite file. Not thread-safe: opened and closed
 * by one thread.
 */
final class Database implements AutoCloseable {
  /** The names {@link #open(String)} accepts, as in the benchmarks' {@code @Param}. */
  static final String POSTGRESQL = "postgresql";
  static final String SQLITE = "sqlite";

  private final String kind;
  private final PostgresServer server;
  private final Path sqliteDirectory;
  private final String url;

  private Database(String kind, PostgresServer server, Path sqliteDirectory, String url) {
    this.kind = kind;
    this.server = server;
    this.sqliteDirectory = sqliteDirectory;
    this.url = url;
  }

  /**
   * Opens a fresh database.
   *
   * @param kind {@value #POSTGRESQL} or {@value #SQLITE}
   * @throws IllegalArgumentException for another kind
   * @throws IllegalStateException if PostgreSQL cannot be started (see {@link PostgresServer#create()})
   */
  static Database open(String kind) {
    switch (kind) {
      case POSTGRESQL: {
        PostgresServer server = PostgresServer.create();
        return new Database(kind, server, null, server.jdbcUrl());
      }
      case SQLITE: {
        try {
          Path dir = Files.createTempDirectory("cairn-bench-sqlite-");
          return new Database(kind, null, dir, "jdbc:sqlite:" + dir.resolve("bench.db"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      default:
        throw new IllegalArgumentException("unknown database '" + kind + "': expected " + POSTGRESQL + " or " + SQLITE);
    }
  }

  /** Returns the URI Cairn opens: the JDBC URL itself. It may hold a password. */
  String cairnUri() {
    return url;
  }

  /** Returns {@value #POSTGRESQL} or {@value #SQLITE}. */
  String kind() {
    return kind;
  }

  /**
   * Opens a raw JDBC connection to the same database, autocommit on. SQLite runs in WAL mode
   * with {@code synchronous=FULL} (durable commits, as PostgreSQL's default); keep this the
   * same as what the Cairn backend sets, or the ratio compares two durability levels.
   */
  Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    if (kind.equals(SQLITE)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
      }
    }
    return c;
  }

  /** Returns the column type of an encoded value. */
  String bytesType() {
    return kind.equals(POSTGRESQL) ? "BYTEA" : "BLOB";
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    if (sqliteDirectory != null) {
      try (Stream<Path> files = Files.list(sqliteDirectory)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(sqliteDirectory);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

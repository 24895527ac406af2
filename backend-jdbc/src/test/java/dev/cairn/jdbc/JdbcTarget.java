package dev.cairn.jdbc;

import dev.cairn.jdbc.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * One store's tables in a database of one dialect, for module tests: the Cairn URI that opens
 * them and a raw JDBC URL to look at them behind Cairn's back. Each {@link #fresh} target has
 * tables (PostgreSQL) or a database file (SQLite, H2) of its own.
 *
 * @param dialect the database
 * @param uri the Cairn URI, with {@code tablePrefix}
 * @param rawUrl a driver URL of the same database, for raw SQL
 * @param prefix the table prefix
 */
record JdbcTarget(Dialect dialect, String uri, String rawUrl, String prefix) {
  /** Every table a store creates, without the prefix. */
  static final Set<String> TABLES = Set.of("schema_version", "records", "collections", "index_keys",
      "changes", "tokens");

  private static final AtomicInteger NAMES = new AtomicInteger();

  /** A target no other test uses: its own tables on PostgreSQL, its own file under {@code dir} elsewhere. */
  static JdbcTarget fresh(Dialect dialect, Supplier<PostgresServer> postgres, Path dir) {
    String name = "t" + NAMES.incrementAndGet();
    return of(dialect, postgres, dir, name, name + "_");
  }

  static JdbcTarget of(Dialect dialect, Supplier<PostgresServer> postgres, Path dir, String database, String prefix) {
    switch (dialect) {
      case POSTGRESQL: {
        String url = postgres.get().jdbcUrl();
        return new JdbcTarget(dialect, url + "&tablePrefix=" + prefix, url, prefix);
      }
      case SQLITE: {
        String url = "jdbc:sqlite:" + dir.resolve(database + ".db");
        return new JdbcTarget(dialect, url + "?tablePrefix=" + prefix, url, prefix);
      }
      default: {
        String url = "jdbc:h2:file:" + dir.resolve(database);
        return new JdbcTarget(dialect, url + "?tablePrefix=" + prefix, url, prefix);
      }
    }
  }

  /** The same database under other tables. */
  JdbcTarget withPrefix(String otherPrefix) {
    return new JdbcTarget(dialect, uri.replace("tablePrefix=" + prefix, "tablePrefix=" + otherPrefix), rawUrl,
        otherPrefix);
  }

  Jdbi jdbi() {
    return Jdbi.create(rawUrl);
  }

  Tables tables() {
    return new Tables(prefix);
  }

  /** The names of this prefix's tables that exist, lower-cased, without the prefix. */
  Set<String> existingTables() {
    return jdbi().withHandle(h -> {
      Set<String> names = new TreeSet<>();
      Connection c = h.getConnection();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
          if (name.startsWith(prefix)) {
            names.add(name.substring(prefix.length()));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return names;
    });
  }

  /** Returns the schema version the tables hold, 0 without a version table row. */
  int schemaVersion() {
    return jdbi().withHandle(h -> SchemaMigrator.version(h, tables()));
  }

  long count(String table) {
    return jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + prefix + table).mapTo(Long.class).one());
  }

  @Override
  public String toString() {
    return dialect.name(); // the display name of parameterized tests; the URI holds a password
  }
}

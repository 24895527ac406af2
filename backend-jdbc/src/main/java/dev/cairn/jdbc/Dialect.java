package dev.cairn.jdbc;

import dev.cairn.InvalidArgumentException;
import java.util.Properties;

/**
 * What differs between the databases Cairn runs on: column types, the driver, connection
 * settings and the server's clock. Everything else is one portable SQL.
 *
 * <p>Ids and index keys are stored as their UTF-8 bytes in binary columns, which every dialect
 * compares byte by byte: that is {@link dev.cairn.Ids#ORDER}, whatever the database's collation.
 */
enum Dialect {
  POSTGRESQL("jdbc:postgresql", "org.postgresql.Driver", "jdbc:postgresql://127.0.0.1:5432/app?user=app",
      10, "BYTEA", "BYTEA", "SMALLINT") {
    @Override
    String clockSql() {
      return "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    }

    @Override
    void configure(Properties driverProperties) {
      // A statement prepared on its first use, so the hot reads skip parsing from the start.
      driverProperties.setProperty("prepareThreshold", "1");
      driverProperties.setProperty("ApplicationName", "cairn");
      driverProperties.setProperty("options", "-c plan_cache_mode=force_generic_plan");
    }
  },
  SQLITE("jdbc:sqlite", "org.sqlite.JDBC", "jdbc:sqlite:/var/lib/app/cairn.db", 4, "BLOB", "BLOB", "INTEGER") {
    @Override
    void configure(Properties driverProperties) {
      // WAL lets readers run beside the one writer; FULL syncs each commit; IMMEDIATE takes the
      // write lock at BEGIN, so two writers queue on busy_timeout instead of deadlocking.
      driverProperties.setProperty("journal_mode", "WAL");
      driverProperties.setProperty("synchronous", "FULL");
      driverProperties.setProperty("busy_timeout", "30000");
      driverProperties.setProperty("transaction_mode", "IMMEDIATE");
      // Cairn reads no generated keys; with them on, the driver runs SELECT last_insert_rowid()
      // after every INSERT (a prepare and a step each).
      driverProperties.setProperty("jdbc.get_generated_keys", "false");
      // Read-write, create, and no per-call mutex (SQLITE_OPEN_NOMUTEX): the pool lends a
      // connection to one thread at a time and the driver serializes its own calls, so SQLite's
      // lock around every API call (several a statement) only costs.
      driverProperties.setProperty("open_mode", Integer.toString(0x2 | 0x4 | 0x8000));
    }

    @Override
    String tableOptions() {
      // Every table has a composite primary key: a rowid table keeps it in a second b-tree,
      // so each probe descends two and each row written dirties two pages.
      return " WITHOUT ROWID";
    }
  },
  H2("jdbc:h2", "org.h2.Driver", "jdbc:h2:file:/var/lib/app/cairn", 8, "VARBINARY(2048)", "VARBINARY(1000000000)",
      "SMALLINT") {
    @Override
    String clockSql() {
      return "SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
    }

    @Override
    String driverUrl(String url) {
      // Waits for a row lock as long as the other dialects do, and keeps every statement Cairn
      // runs parsed (H2 keeps 8 a session by default, and Cairn runs a few dozen).
      StringBuilder out = new StringBuilder(url);
      String upper = url.toUpperCase(java.util.Locale.ROOT);
      if (!upper.contains(";LOCK_TIMEOUT=")) {
        out.append(";LOCK_TIMEOUT=30000");
      }
      if (!upper.contains(";QUERY_CACHE_SIZE=")) {
        out.append(";QUERY_CACHE_SIZE=256");
      }
      return out.toString();
    }
  };

  private final String scheme;
  private final String driverClass;
  private final String example;
  private final int defaultPoolSize;
  private final String keyType;
  private final String valueType;
  private final String smallType;

  Dialect(String scheme, String driverClass, String example, int defaultPoolSize, String keyType, String valueType,
      String smallType) {
    this.scheme = scheme;
    this.driverClass = driverClass;
    this.example = example;
    this.defaultPoolSize = defaultPoolSize;
    this.keyType = keyType;
    this.valueType = valueType;
    this.smallType = smallType;
  }

  static Dialect of(String scheme) {
    for (Dialect d : values()) {
      if (d.scheme.equals(scheme)) {
        return d;
      }
    }
    throw new InvalidArgumentException("no JDBC dialect for scheme " + scheme);
  }

  String scheme() {
    return scheme;
  }

  String driverClass() {
    return driverClass;
  }

  String example() {
    return example;
  }

  int defaultPoolSize() {
    return defaultPoolSize;
  }

  /** The type of ids and index keys: short binary strings compared byte by byte. */
  String keyType() {
    return keyType;
  }

  /** The type of values and encoded index keys. */
  String valueType() {
    return valueType;
  }

  String smallType() {
    return smallType;
  }

  /** A query of the server's clock in epoch milliseconds, or null where the database is in process. */
  String clockSql() {
    return null;
  }

  /** What follows the column list of a {@code CREATE TABLE} of Cairn's tables, or "". */
  String tableOptions() {
    return "";
  }

  /** Adds the driver settings Cairn relies on. */
  void configure(Properties driverProperties) {}

  /** Returns the driver URL with the settings Cairn relies on that go in the URL. */
  String driverUrl(String url) {
    return url;
  }
}

package dev.cairn.jdbc;

import dev.cairn.InvalidArgumentException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates Cairn's tables on first open and migrates older ones: the schema is a list of steps,
 * and the schema-version table says how many have run. A fresh database runs them all; an older
 * one runs the rest, in one transaction, so a failed migration leaves the old schema whole. A
 * newer schema than this code knows is refused rather than misread.
 */
final class SchemaMigrator {
  /** The schema version this code reads and writes: the number of {@link #steps}. */
  static final int CURRENT_VERSION = 4;

  private final Dialect dialect;
  private final Tables t;

  SchemaMigrator(Dialect dialect, Tables tables) {
    this.dialect = dialect;
    this.t = tables;
  }

  /** The statements of each step; step {@code i} brings the schema from version {@code i} to {@code i + 1}. */
  List<List<String>> steps() {
    String ns = "ns VARCHAR(63) NOT NULL";
    String coll = "coll VARCHAR(63) NOT NULL";
    String key = dialect.keyType();
    String value = dialect.valueType();
    String options = dialect.tableOptions();
    return List.of(
        // 1: records, revisions, the change feed and commit tokens.
        List.of(
            "CREATE TABLE " + t.namespaces + " (" + ns + " PRIMARY KEY, revision BIGINT NOT NULL,"
                + " floor BIGINT NOT NULL)" + options,
            "CREATE TABLE " + t.records + " (" + ns + ", " + coll + ", id " + key + " NOT NULL, payload " + value
                + " NOT NULL, create_rev BIGINT NOT NULL, mod_rev BIGINT NOT NULL, PRIMARY KEY (ns, coll, id))" + options,
            "CREATE TABLE " + t.collections + " (" + ns + ", " + coll + ", revision BIGINT NOT NULL,"
                + " PRIMARY KEY (ns, coll))" + options,
            "CREATE TABLE " + t.changes + " (" + ns + ", revision BIGINT NOT NULL, seq INTEGER NOT NULL, kind "
                + dialect.smallType() + " NOT NULL, " + coll + ", id " + key + " NOT NULL, payload " + value
                + ", create_rev BIGINT NOT NULL, prev_mod_rev BIGINT NOT NULL, PRIMARY KEY (ns, revision, seq))" + options,
            "CREATE TABLE " + t.tokens + " (" + ns + ", token VARCHAR(128) NOT NULL, revision BIGINT NOT NULL,"
                + " PRIMARY KEY (ns, token))" + options,
            "CREATE INDEX " + t.tokens + "_by_revision ON " + t.tokens + " (ns, revision)"),
        // 2: secondary indexes, with each record's and each change's keys kept beside it.
        List.of(
            "ALTER TABLE " + t.records + " ADD COLUMN index_keys " + value,
            "ALTER TABLE " + t.changes + " ADD COLUMN index_keys " + value,
            "CREATE TABLE " + t.indexKeys + " (" + ns + ", " + coll + ", idx VARCHAR(63) NOT NULL, ikey " + key
                + " NOT NULL, id " + key + " NOT NULL, PRIMARY KEY (ns, coll, idx, ikey, id))" + options),
        // 3: PostgreSQL's commit statement finds a record's index keys by record; the others need nothing.
        dialect == Dialect.POSTGRESQL ? PostgresCommit.schema(t) : List.of(),
        // 4: a namespace's revision row joins its collections' rows, and commit tokens lose their
        // index by revision: each a page less that a commit writes (see Tables, Retention).
        List.of(
            "ALTER TABLE " + t.collections + " ADD COLUMN floor BIGINT DEFAULT 0 NOT NULL",
            "INSERT INTO " + t.collections + " (ns, coll, revision, floor) SELECT ns, " + Tables.NAMESPACE_ROW
                + ", revision, floor FROM " + t.namespaces,
            "DROP TABLE " + t.namespaces,
            "DROP INDEX " + t.tokens + "_by_revision"));
  }

  /**
   * Brings the schema to {@link #CURRENT_VERSION}.
   *
   * @param target the version to stop at; tests pass less than current to build an old schema
   * @return the version found before migrating, 0 for a fresh database
   * @throws InvalidArgumentException if the database holds a newer schema than {@code target}
   */
  int migrate(Jdbi jdbi, int target, String redactedUri) {
    return jdbi.inTransaction(h -> {
      if (dialect == Dialect.POSTGRESQL) {
        // Two processes opening one fresh database must not both create the tables.
        h.createQuery("SELECT pg_advisory_xact_lock(?)").bind(0, (long) t.schemaVersion.hashCode())
            .map((rs, ctx) -> Boolean.TRUE).one();
      }
      h.execute("CREATE TABLE IF NOT EXISTS " + t.schemaVersion + " (version INTEGER NOT NULL)");
      Optional<Integer> found = h.createQuery("SELECT version FROM " + t.schemaVersion)
          .mapTo(Integer.class).findFirst();
      int from = found.orElse(0);
      if (from > target) {
        throw new InvalidArgumentException("the tables " + t.schemaVersion.replace("schema_version", "*") + " of "
            + redactedUri + " have schema version " + from + ", newer than this version of Cairn understands ("
            + target + "): upgrade Cairn, or choose another tablePrefix");
      }
      List<List<String>> steps = steps();
      for (int v = from; v < target; v++) {
        for (String sql : steps.get(v)) {
          h.execute(sql);
        }
      }
      if (found.isEmpty()) {
        h.execute("INSERT INTO " + t.schemaVersion + " (version) VALUES (?)", target);
      } else if (from != target) {
        h.execute("UPDATE " + t.schemaVersion + " SET version = ?", target);
      }
      return from;
    });
  }

  /** Reads the schema version, 0 if there is none; for tests. */
  static int version(Handle h, Tables t) {
    return h.createQuery("SELECT version FROM " + t.schemaVersion).mapTo(Integer.class).findFirst().orElse(0);
  }
}

package dev.cairn.jdbc;

import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IndexKeys;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.Write;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A commit on PostgreSQL in one round trip and one transaction: the namespace's row lock, then
 * one statement. The general statement is a chain of data-modifying {@code WITH} clauses over
 * arrays that checks every
 * precondition, moves the namespace's revision on by one, and only then writes the records,
 * index keys, change-feed rows, collection revisions and the commit token, and notifies. Both
 * go in one message sequence in auto-commit mode, which PostgreSQL runs as one implicit
 * transaction, committed at its end.
 *
 * <p>The statement starts once it holds the lock, so its snapshot (taken at its start, READ
 * COMMITTED) holds every commit of the namespace before it and none can follow until it
 * commits: its checks and its base revision are current. Commits of one namespace queue on the
 * lock and hold it for one statement and the commit's flush, never for a round trip. The rows a
 * commit needs of the records it writes (their revisions and old index keys) are found by the
 * statement itself, so the client sends only the request. A put over one existing record has a
 * smaller statement over scalars ({@link SingleUpdate}), tried first.
 */
final class PostgresCommit {
  /**
   * What one attempt did: applied at a revision, failed a precondition, or lost the race (only
   * the first commits of a namespace, whose row did not exist to lock, can race).
   */
  record Outcome(long revision, long floor, int failedPosition) {
    boolean applied() {
      return revision > 0;
    }
  }

  /**
   * The commonest commit, a put over one existing record (read-modify-write or blind), as its own
   * statement. Passed as {@link Arguments#update()} when a request is of that shape.
   *
   * @param collection the record's collection
   * @param id the record's id, UTF-8
   * @param payload the new value
   * @param indexKeys the new index keys as stored ({@link IndexKeys#encode}), null for none
   * @param expected the modification revision the record must still have; 0 for a blind put
   *     (no precondition), which applies to any version of the record
   */
  record SingleUpdate(String collection, byte[] id, byte[] payload, byte[] indexKeys, long expected) {}

  private final String sql;
  private final String updateSql;
  private final String tokensKey;

  PostgresCommit(Tables t) {
    // Sent with each statement, in one round trip and one transaction: the namespace's row lock,
    // so that the statement after it starts (and takes its snapshot) once no other commit of the
    // namespace can run, and reads the namespace's current revision as its base.
    String lock = "SELECT revision FROM " + t.collections + " WHERE ns = :ns AND coll = " + Tables.NAMESPACE_ROW
        + " FOR UPDATE; ";
    // Both statements end so, once their clause bump has moved the revision. The note clause is
    // read by the final SELECT so that it runs: PostgreSQL skips a plain WITH clause nothing reads.
    String tokenAndNote = " tok AS (INSERT INTO " + t.tokens + " (ns, token, revision)"
        + " SELECT :ns, :token, bump.revision FROM bump), note AS (SELECT pg_notify(:channel, :ns) FROM bump)";
    sql = lock + "WITH v AS (SELECT COALESCE((SELECT n.revision FROM " + t.collections + " n WHERE n.ns = :ns"
        + " AND n.coll = " + Tables.NAMESPACE_ROW + "), 0)"
        + " AS base),"
        + " p AS (SELECT * FROM unnest(:pkinds::int4[], :pcolls::text[], :pkeys::bytea[], :prevs::int8[],"
        + " :pidx::text[]) WITH ORDINALITY"
        + " AS p(kind, coll, pkey, rev, idx, i)),"
        + " h AS (SELECT * FROM unnest(:hpre::int4[], :hids::bytea[]) AS h(pre, id)),"
        // the first precondition that does not hold, by its position from 1
        + " chk AS (SELECT min(p.i) AS failed FROM p WHERE CASE p.kind"
        + " WHEN 0 THEN COALESCE((SELECT r.mod_rev FROM " + t.records + " r"
        + " WHERE r.ns = :ns AND r.coll = p.coll AND r.id = p.pkey), 0) <> p.rev"
        + " WHEN 1 THEN COALESCE((SELECT c.revision FROM " + t.collections + " c"
        + " WHERE c.ns = :ns AND c.coll = p.coll), 0) > p.rev"
        + " ELSE EXISTS (SELECT 1 FROM " + t.indexKeys + " k"
        + " WHERE k.ns = :ns AND k.coll = p.coll AND k.idx = p.idx AND k.ikey = p.pkey"
        + " AND NOT EXISTS (SELECT 1 FROM h WHERE h.pre = p.i AND h.id = k.id)) END),"
        + " bump AS (INSERT INTO " + t.collections + " AS n (ns, coll, revision, floor) SELECT :ns, "
        + Tables.NAMESPACE_ROW + ", v.base + 1, 0 FROM chk, v"
        + " WHERE chk.failed IS NULL ON CONFLICT (ns, coll) DO UPDATE SET revision = EXCLUDED.revision"
        + " WHERE n.revision = (SELECT v.base FROM v) RETURNING n.revision, n.floor),"
        + " w AS (SELECT * FROM unnest(:wcolls::text[], :wids::bytea[], :wpayloads::bytea[], :wkeys::bytea[])"
        + " WITH ORDINALITY"
        + " AS w(coll, id, payload, index_keys, i)),"
        + " o AS (SELECT w.coll, w.id, w.payload, w.index_keys, w.i, r.create_rev AS old_create, r.mod_rev AS old_mod"
        + " FROM w LEFT JOIN " + t.records + " r ON r.ns = :ns AND r.coll = w.coll AND r.id = w.id),"
        // 0 create, 1 update, 2 delete (ChangeType's order); deleting an absent record changes nothing
        + " c AS (SELECT o.*, CASE WHEN o.payload IS NULL THEN 2 WHEN o.old_mod IS NULL THEN 0 ELSE 1 END AS kind,"
        + " (row_number() OVER (ORDER BY o.i) - 1)::int4 AS seq FROM o"
        + " WHERE o.payload IS NOT NULL OR o.old_mod IS NOT NULL),"
        + " ins AS (INSERT INTO " + t.records + " (ns, coll, id, payload, create_rev, mod_rev, index_keys)"
        + " SELECT :ns, c.coll, c.id, c.payload, bump.revision, bump.revision, c.index_keys FROM c, bump WHERE c.kind = 0),"
        + " upd AS (UPDATE " + t.records + " r SET payload = c.payload, mod_rev = bump.revision, index_keys = c.index_keys"
        + " FROM c, bump WHERE c.kind = 1 AND r.ns = :ns AND r.coll = c.coll AND r.id = c.id),"
        + " del AS (DELETE FROM " + t.records + " r USING c, bump"
        + " WHERE c.kind = 2 AND r.ns = :ns AND r.coll = c.coll AND r.id = c.id),"
        + " chg AS (INSERT INTO " + t.changes
        + " (ns, revision, seq, kind, coll, id, payload, create_rev, prev_mod_rev, index_keys)"
        + " SELECT :ns, bump.revision, c.seq, c.kind, c.coll, c.id, c.payload, COALESCE(c.old_create, bump.revision),"
        + " COALESCE(c.old_mod, 0), c.index_keys FROM c, bump),"
        + " a AS (SELECT * FROM unnest(:acolls::text[], :aidx::text[], :akeys::bytea[], :aids::bytea[])"
        + " AS a(coll, idx, ikey, id)),"
        + " kdel AS (DELETE FROM " + t.indexKeys + " k USING w, bump"
        + " WHERE k.ns = :ns AND k.coll = w.coll AND k.id = w.id"
        + " AND NOT EXISTS (SELECT 1 FROM a WHERE a.coll = k.coll AND a.idx = k.idx AND a.ikey = k.ikey"
        + " AND a.id = k.id)),"
        + " kins AS (INSERT INTO " + t.indexKeys + " (ns, coll, idx, ikey, id)"
        + " SELECT :ns, a.coll, a.idx, a.ikey, a.id FROM a, bump ON CONFLICT DO NOTHING),"
        + " cols AS (INSERT INTO " + t.collections + " (ns, coll, revision)"
        + " SELECT DISTINCT :ns, w.coll, bump.revision FROM w, bump"
        + " ON CONFLICT (ns, coll) DO UPDATE SET revision = EXCLUDED.revision),"
        + tokenAndNote + " SELECT (SELECT failed FROM chk), (SELECT revision FROM bump), (SELECT floor FROM bump),"
        + " (SELECT count(*) FROM note)";
    // The general statement's plan has two dozen nodes over six tables and binds fifteen arrays;
    // this one binds scalars and touches only the rows a one-record update writes (measured on
    // the read-modify-write benchmark: 310 µs against 520 µs a commit). It applies only if the
    // record exists (at its expected version, if one is given) and its index keys do not change
    // (then no index key row moves); else the general statement decides.
    updateSql = lock + "WITH old AS (SELECT r.create_rev, r.mod_rev FROM " + t.records + " r"
        + " WHERE r.ns = :ns AND r.coll = :coll AND r.id = :id AND (:expected = 0 OR r.mod_rev = :expected)"
        + " AND r.index_keys IS NOT DISTINCT FROM CAST(:keys AS BYTEA)),"
        + " bump AS (UPDATE " + t.collections + " n SET revision = n.revision + 1 FROM old WHERE n.ns = :ns"
        + " AND n.coll = " + Tables.NAMESPACE_ROW
        + " RETURNING n.revision, n.floor),"
        + " upd AS (UPDATE " + t.records + " r SET payload = :payload, mod_rev = bump.revision FROM bump"
        + " WHERE r.ns = :ns AND r.coll = :coll AND r.id = :id),"
        + " chg AS (INSERT INTO " + t.changes
        + " (ns, revision, seq, kind, coll, id, payload, create_rev, prev_mod_rev, index_keys)"
        + " SELECT :ns, bump.revision, 0, 1, :coll, :id, :payload, old.create_rev, old.mod_rev, CAST(:keys AS BYTEA)"
        + " FROM bump, old),"
        + " cols AS (INSERT INTO " + t.collections + " (ns, coll, revision) SELECT :ns, :coll, bump.revision FROM bump"
        + " ON CONFLICT (ns, coll) DO UPDATE SET revision = EXCLUDED.revision),"
        + tokenAndNote + " SELECT (SELECT revision FROM bump), (SELECT floor FROM bump), (SELECT count(*) FROM note)";
    tokensKey = t.tokens + "_pkey";
  }

  /** The schema step that the statement's key clean-up needs: the index keys of a record, by record. */
  static List<String> schema(Tables t) {
    return List.of("CREATE INDEX " + t.indexKeys + "_by_record ON " + t.indexKeys + " (ns, coll, id)");
  }

  /**
   * Whether the statement failed because the commit's token was used before: the only unique
   * key it can break, as it writes records, changes and index keys only where none can exist.
   */
  boolean isTokenReused(SQLException e) {
    if (!"23505".equals(e.getSQLState()) || !(e instanceof PSQLException)) {
      return false;
    }
    ServerErrorMessage m = ((PSQLException) e).getServerErrorMessage();
    return m != null && tokensKey.equals(m.getConstraint());
  }

  /**
   * What one commit binds, for all its attempts: its single update, if it is one; the general
   * statement's arrays, made the first time they are asked for (a single update that applies
   * never needs them); and how many rows it writes at most (records and index keys, for
   * {@link PostgresStatistics}). Used by one thread.
   */
  static final class Arguments {
    private final CommitRequest request;
    private final SingleUpdate update;
    private final int rowsWritten;
    private Map<String, Argument> arrays;

    private Arguments(CommitRequest request) {
      this.request = request;
      this.update = singleUpdate(request);
      int rows = 0;
      for (Write w : request.writes()) {
        rows++;
        for (Set<String> keys : w.indexKeys().values()) {
          rows += keys.size();
        }
      }
      this.rowsWritten = rows;
    }

    /** The request as a single update, or null if it is not one. */
    SingleUpdate update() {
      return update;
    }

    int rowsWritten() {
      return rowsWritten;
    }

    Map<String, Argument> arrays() {
      if (arrays == null) {
        arrays = makeArrays(request);
      }
      return arrays;
    }
  }

  /** Reads what a request binds; its arrays wait until the general statement runs. */
  static Arguments arguments(CommitRequest request) {
    return new Arguments(request);
  }

  private static Map<String, Argument> makeArrays(CommitRequest request) {
    List<Precondition> pres = request.preconditions();
    int np = pres.size();
    Integer[] kinds = new Integer[np];
    String[] pcolls = new String[np];
    byte[][] pkeys = new byte[np][];
    Long[] revs = new Long[np];
    String[] pidx = new String[np];
    List<Integer> holderOf = new ArrayList<>();
    List<byte[]> holders = new ArrayList<>();
    for (int i = 0; i < np; i++) {
      Precondition p = pres.get(i);
      pcolls[i] = p.collection();
      if (p instanceof Precondition.RecordVersion v) {
        kinds[i] = 0;
        pkeys[i] = CommitState.utf8(v.id());
        revs[i] = v.modRevision();
      } else if (p instanceof Precondition.CollectionUnchanged u) {
        kinds[i] = 1;
        revs[i] = u.revision();
      } else {
        Precondition.IndexKeyFree f = (Precondition.IndexKeyFree) p;
        kinds[i] = 2;
        pkeys[i] = CommitState.utf8(f.key());
        pidx[i] = f.index();
        for (String holder : f.allowedHolders()) {
          holderOf.add(i + 1); // the statement numbers preconditions from 1 (WITH ORDINALITY)
          holders.add(CommitState.utf8(holder));
        }
      }
    }
    List<Write> writes = request.writes();
    int nw = writes.size();
    String[] wcolls = new String[nw];
    byte[][] wids = new byte[nw][];
    byte[][] payloads = new byte[nw][];
    byte[][] wkeys = new byte[nw][];
    List<String> acolls = new ArrayList<>();
    List<String> aidx = new ArrayList<>();
    List<byte[]> akeys = new ArrayList<>();
    List<byte[]> aids = new ArrayList<>();
    for (int i = 0; i < nw; i++) {
      Write w = writes.get(i);
      wcolls[i] = w.collection();
      wids[i] = CommitState.utf8(w.id());
      payloads[i] = w.value();
      if (!w.isDelete() && !w.indexKeys().isEmpty()) {
        wkeys[i] = IndexKeys.encode(w.indexKeys());
        for (Map.Entry<String, Set<String>> index : w.indexKeys().entrySet()) {
          for (String key : index.getValue()) {
            acolls.add(w.collection());
            aidx.add(index.getKey());
            akeys.add(CommitState.utf8(key));
            aids.add(wids[i]);
          }
        }
      }
    }
    Map<String, Argument> arrays = new LinkedHashMap<>();
    arrays.put("pkinds", array("int4", kinds));
    arrays.put("pcolls", array("text", pcolls));
    arrays.put("pkeys", array("bytea", pkeys));
    arrays.put("prevs", array("int8", revs));
    arrays.put("pidx", array("text", pidx));
    arrays.put("hpre", array("int4", holderOf.toArray(new Integer[0])));
    arrays.put("hids", array("bytea", holders.toArray(new byte[0][])));
    arrays.put("wcolls", array("text", wcolls));
    arrays.put("wids", array("bytea", wids));
    arrays.put("wpayloads", array("bytea", payloads));
    arrays.put("wkeys", array("bytea", wkeys));
    arrays.put("acolls", array("text", acolls.toArray(new String[0])));
    arrays.put("aidx", array("text", aidx.toArray(new String[0])));
    arrays.put("akeys", array("bytea", akeys.toArray(new byte[0][])));
    arrays.put("aids", array("bytea", aids.toArray(new byte[0][])));
    return arrays;
  }

  /**
   * The request as a single update: one put of a record, with no precondition or with the one
   * that the record exists at a version (what a transaction that read one record and updated it
   * sends).
   *
   * @return null if the request is not of that shape
   */
  private static SingleUpdate singleUpdate(CommitRequest request) {
    List<Precondition> pres = request.preconditions();
    if (request.writes().size() != 1 || request.writes().get(0).isDelete() || pres.size() > 1) {
      return null;
    }
    Write w = request.writes().get(0);
    long expected = 0;
    if (pres.size() == 1) {
      if (!(pres.get(0) instanceof Precondition.RecordVersion v) || v.modRevision() <= 0
          || !v.collection().equals(w.collection()) || !v.id().equals(w.id())) {
        return null;
      }
      expected = v.modRevision();
    }
    // stored as the general statement stores them: null for none
    byte[] keys = w.indexKeys().isEmpty() ? null : IndexKeys.encode(w.indexKeys());
    return new SingleUpdate(w.collection(), CommitState.utf8(w.id()), w.value(), keys, expected);
  }

  /**
   * Runs the general statement, in auto-commit mode (its own transaction).
   *
   * @return the outcome
   * @throws org.jdbi.v3.core.JdbiException as {@link #isTokenReused} says, or for any failure of
   *     the database or the connection
   */
  Outcome apply(Handle h, String ns, String token, Arguments args, String channel) {
    Query q = h.createQuery(sql).bind("ns", ns).bind("token", token).bind("channel", channel);
    args.arrays().forEach(q::bind);
    return q.execute((statement, ctx) -> {
      try (ResultSet rs = statementResult(statement.get())) {
        return new Outcome(rs.getLong(2), rs.getLong(3), rs.getInt(1));
      }
    });
  }

  /**
   * Runs the single-update statement, in auto-commit mode (its own transaction).
   *
   * @return the outcome if it applied; null if the record is absent, not at its expected version
   *     or its index keys change, for the general statement to decide
   * @throws org.jdbi.v3.core.JdbiException as {@link #apply} does
   */
  Outcome applyUpdate(Handle h, String ns, String token, SingleUpdate u, String channel) {
    return h.createQuery(updateSql)
        .bind("ns", ns).bind("token", token).bind("channel", channel)
        .bind("coll", u.collection()).bind("id", u.id()).bind("payload", u.payload()).bind("keys", u.indexKeys())
        .bind("expected", u.expected())
        .execute((statement, ctx) -> {
          try (ResultSet rs = statementResult(statement.get())) {
            long revision = rs.getLong(1);
            return revision > 0 ? new Outcome(revision, rs.getLong(2), 0) : null;
          }
        });
  }

  /** Skips the lock's result and positions the statement's one row. */
  private static ResultSet statementResult(PreparedStatement executed) throws SQLException {
    if (!executed.getMoreResults()) {
      throw new SQLException("the commit statement returned no result after the namespace's lock");
    }
    ResultSet rs = executed.getResultSet();
    if (!rs.next()) {
      rs.close();
      throw new SQLException("the commit statement returned no row");
    }
    return rs;
  }

  /** Binds a Java array as a SQL array of {@code type}, made by the statement's own connection. */
  static Argument array(String type, Object[] elements) {
    return (position, statement, ctx) ->
        statement.setArray(position, statement.getConnection().createArrayOf(type, elements));
  }
}

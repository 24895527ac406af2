package dev.cairn.jdbc;

import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IndexKeys;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;

/**
 * A commit on PostgreSQL: one call of a PL/pgSQL function that Cairn's schema creates, in one
 * round trip and one transaction of its own. The function takes the namespace's revision row
 * lock by moving the revision on, then checks every precondition and applies every write; each of
 * its statements takes a new snapshot (READ COMMITTED), so once it holds the lock it sees every
 * commit of the namespace that came before. Commits of one namespace queue on that row inside
 * the server, never across a client round trip, and none can lose a race to another.
 *
 * <p>A precondition that does not hold raises {@value #PRECONDITION_FAILED} with the failed
 * precondition's position as the error's detail, which rolls back the revision move; a token
 * used before breaks the tokens table's primary key ({@link #isTokenReused}).
 */
final class PostgresCommit {
  /** The SQLSTATE the function raises when a precondition does not hold. */
  static final String PRECONDITION_FAILED = "CN001";
  private final String sql;
  private final String tokensKey;

  PostgresCommit(Tables t) {
    sql = "SELECT next_revision, history_floor FROM " + t.commitFunction
        + "(?, ?, ?, ?::int4[], ?::text[], ?::bytea[], ?::int8[], ?::text[], ?::int4[], ?::bytea[],"
        + " ?::text[], ?::bytea[], ?::bytea[], ?::bytea[], ?::text[], ?::text[], ?::bytea[], ?::bytea[])";
    tokensKey = t.tokens + "_pkey";
  }

  /**
   * Whether the function failed because the commit's token was used before: the only unique
   * key it can break, as it writes records, changes and index keys only where none can exist.
   */
  boolean isTokenReused(java.sql.SQLException e) {
    if (!"23505".equals(e.getSQLState()) || !(e instanceof org.postgresql.util.PSQLException)) {
      return false;
    }
    org.postgresql.util.ServerErrorMessage m = ((org.postgresql.util.PSQLException) e).getServerErrorMessage();
    return m != null && tokensKey.equals(m.getConstraint());
  }

  /**
   * The schema step that creates the function, and the index its key clean-up needs: the index
   * keys of a written record, found by (namespace, collection, id).
   */
  static List<String> schema(Tables t) {
    String body = "DECLARE\n"
        + "  failed int8;\n"
        + "BEGIN\n"
        + "  INSERT INTO " + t.namespaces + " AS n (ns, revision, floor) VALUES (p_ns, 1, 0)\n"
        + "    ON CONFLICT (ns) DO UPDATE SET revision = n.revision + 1\n"
        + "    RETURNING n.revision, n.floor INTO next_revision, history_floor;\n"
        + "  SELECT min(p.i) INTO failed\n"
        + "    FROM unnest(p_kinds, p_colls, p_keys, p_revs, p_idx) WITH ORDINALITY AS p(kind, coll, pkey, rev, idx, i)\n"
        + "   WHERE CASE p.kind\n"
        + "     WHEN 0 THEN COALESCE((SELECT r.mod_rev FROM " + t.records + " r"
        + " WHERE r.ns = p_ns AND r.coll = p.coll AND r.id = p.pkey), 0) <> p.rev\n"
        + "     WHEN 1 THEN COALESCE((SELECT c.revision FROM " + t.collections + " c"
        + " WHERE c.ns = p_ns AND c.coll = p.coll), 0) > p.rev\n"
        + "     ELSE EXISTS (SELECT 1 FROM " + t.indexKeys + " k"
        + " WHERE k.ns = p_ns AND k.coll = p.coll AND k.idx = p.idx AND k.ikey = p.pkey"
        + " AND NOT EXISTS (SELECT 1 FROM unnest(h_pre, h_ids) AS h(pre, id) WHERE h.pre = p.i AND h.id = k.id))\n"
        + "   END;\n"
        + "  IF failed IS NOT NULL THEN\n"
        + "    RAISE EXCEPTION 'precondition % does not hold', failed USING ERRCODE = '" + PRECONDITION_FAILED + "',"
        + " DETAIL = failed::text;\n"
        + "  END IF;\n"
        + "  WITH w AS (SELECT * FROM unnest(w_colls, w_ids, w_payloads, w_keys) WITH ORDINALITY"
        + " AS w(coll, id, payload, index_keys, i)),\n"
        + "  o AS (SELECT w.coll, w.id, w.payload, w.index_keys, w.i, r.create_rev AS old_create, r.mod_rev AS old_mod"
        + " FROM w LEFT JOIN " + t.records + " r ON r.ns = p_ns AND r.coll = w.coll AND r.id = w.id),\n"
        // 0 create, 1 update, 2 delete (ChangeType's order); deleting an absent record changes nothing
        + "  c AS (SELECT o.*, CASE WHEN o.payload IS NULL THEN 2 WHEN o.old_mod IS NULL THEN 0 ELSE 1 END AS kind,"
        + " (row_number() OVER (ORDER BY o.i) - 1)::int4 AS seq FROM o"
        + " WHERE o.payload IS NOT NULL OR o.old_mod IS NOT NULL),\n"
        + "  ins AS (INSERT INTO " + t.records + " (ns, coll, id, payload, create_rev, mod_rev, index_keys)"
        + " SELECT p_ns, c.coll, c.id, c.payload, next_revision, next_revision, c.index_keys FROM c WHERE c.kind = 0),\n"
        + "  upd AS (UPDATE " + t.records + " r SET payload = c.payload, mod_rev = next_revision,"
        + " index_keys = c.index_keys FROM c WHERE c.kind = 1 AND r.ns = p_ns AND r.coll = c.coll AND r.id = c.id),\n"
        + "  del AS (DELETE FROM " + t.records + " r USING c"
        + " WHERE c.kind = 2 AND r.ns = p_ns AND r.coll = c.coll AND r.id = c.id),\n"
        + "  chg AS (INSERT INTO " + t.changes
        + " (ns, revision, seq, kind, coll, id, payload, create_rev, prev_mod_rev, index_keys)"
        + " SELECT p_ns, next_revision, c.seq, c.kind, c.coll, c.id, c.payload, COALESCE(c.old_create, next_revision),"
        + " COALESCE(c.old_mod, 0), c.index_keys FROM c),\n"
        + "  a AS (SELECT * FROM unnest(a_colls, a_idx, a_keys, a_ids) AS a(coll, idx, ikey, id)),\n"
        + "  kdel AS (DELETE FROM " + t.indexKeys + " k USING w WHERE k.ns = p_ns AND k.coll = w.coll AND k.id = w.id"
        + " AND NOT EXISTS (SELECT 1 FROM a WHERE a.coll = k.coll AND a.idx = k.idx AND a.ikey = k.ikey"
        + " AND a.id = k.id)),\n"
        + "  kins AS (INSERT INTO " + t.indexKeys + " (ns, coll, idx, ikey, id)"
        + " SELECT p_ns, a.coll, a.idx, a.ikey, a.id FROM a ON CONFLICT DO NOTHING),\n"
        + "  cols AS (INSERT INTO " + t.collections + " (ns, coll, revision)"
        + " SELECT DISTINCT p_ns, w.coll, next_revision FROM w"
        + " ON CONFLICT (ns, coll) DO UPDATE SET revision = EXCLUDED.revision),\n"
        + "  tok AS (INSERT INTO " + t.tokens + " (ns, token, revision) VALUES (p_ns, p_token, next_revision))\n"
        + "  SELECT count(*) INTO failed FROM c;\n"
        + "  PERFORM pg_notify(p_channel, p_ns);\n"
        + "END";
    return List.of(
        "CREATE INDEX " + t.indexKeys + "_by_record ON " + t.indexKeys + " (ns, coll, id)",
        "CREATE OR REPLACE FUNCTION " + t.commitFunction + "(p_ns text, p_token text, p_channel text,"
            + " p_kinds int4[], p_colls text[], p_keys bytea[], p_revs int8[], p_idx text[],"
            + " h_pre int4[], h_ids bytea[], w_colls text[], w_ids bytea[], w_payloads bytea[], w_keys bytea[],"
            + " a_colls text[], a_idx text[], a_keys bytea[], a_ids bytea[],"
            + " OUT next_revision int8, OUT history_floor int8)"
            + " LANGUAGE plpgsql AS $cairn$\n" + body + "\n$cairn$");
  }

  /**
   * Commits the request (the caller's handle is in auto-commit mode: the call is its own
   * transaction).
   *
   * @return the new revision and the namespace's history floor at it
   * @throws org.jdbi.v3.core.JdbiException with SQLSTATE {@value #PRECONDITION_FAILED}, or as
   *     {@link #isTokenReused} says, or for any failure of the database or the connection
   */
  long[] apply(Handle h, String ns, CommitRequest request, String channel) {
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
          holderOf.add(i + 1); // the function numbers preconditions from 1
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
    Query q = h.createQuery(sql)
        .bind(0, ns).bind(1, request.token()).bind(2, channel)
        .bind(3, array("int4", kinds)).bind(4, array("text", pcolls)).bind(5, array("bytea", pkeys))
        .bind(6, array("int8", revs)).bind(7, array("text", pidx))
        .bind(8, array("int4", holderOf.toArray(new Integer[0])))
        .bind(9, array("bytea", holders.toArray(new byte[0][])))
        .bind(10, array("text", wcolls)).bind(11, array("bytea", wids)).bind(12, array("bytea", payloads))
        .bind(13, array("bytea", wkeys))
        .bind(14, array("text", acolls.toArray(new String[0]))).bind(15, array("text", aidx.toArray(new String[0])))
        .bind(16, array("bytea", akeys.toArray(new byte[0][]))).bind(17, array("bytea", aids.toArray(new byte[0][])));
    return q.map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
  }

  /** How many rows a commit of the request writes at most, for {@link PostgresStatistics}. */
  static int rowsWritten(CommitRequest request) {
    int rows = request.writes().size();
    for (Write w : request.writes()) {
      if (!w.isDelete()) {
        for (Set<String> keys : w.indexKeys().values()) {
          rows += keys.size();
        }
      }
    }
    return rows;
  }

  /** Binds a Java array as a SQL array of {@code type}, made by the statement's own connection. */
  static Argument array(String type, Object[] elements) {
    return (position, statement, ctx) ->
        statement.setArray(position, statement.getConnection().createArrayOf(type, elements));
  }
}

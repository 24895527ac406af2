package dev.cairn.jdbc;

import dev.cairn.ChangeType;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;

/**
 * Applies a {@link CommitPlan} on PostgreSQL in one statement, committed on its own: a chain of
 * data-modifying {@code WITH} clauses that each take their rows from arrays and run only if the
 * first moved the namespace's revision from the one the plan was made at. One round trip for
 * the whole commit, where {@link BatchWriter} needs one per table and one to commit.
 *
 * <p>Every clause reads the statement's snapshot, which may be older than the revision row it
 * waited for; that is sound because the row moving from the plan's revision proves that no commit
 * of the namespace happened since the plan's rows were read.
 */
final class PostgresWriter {
  private final String sql;

  PostgresWriter(Tables t) {
    sql = "WITH bump AS ("
        + "INSERT INTO " + t.namespaces + " AS n (ns, revision, floor) VALUES (:ns, :next, 0)"
        + " ON CONFLICT (ns) DO UPDATE SET revision = :next WHERE n.revision = :base RETURNING revision),"
        + " w AS (SELECT * FROM unnest(:kinds::int4[], :seqs::int4[], :colls::text[], :ids::bytea[],"
        + " :payloads::bytea[], :creates::int8[], :prevs::int8[], :keys::bytea[])"
        + " AS w(kind, seq, coll, id, payload, create_rev, prev_mod_rev, index_keys)),"
        + " ins AS (INSERT INTO " + t.records + " (ns, coll, id, payload, create_rev, mod_rev, index_keys)"
        + " SELECT :ns, w.coll, w.id, w.payload, w.create_rev, :next, w.index_keys FROM w, bump WHERE w.kind = 0),"
        + " upd AS (UPDATE " + t.records + " r SET payload = w.payload, mod_rev = :next, index_keys = w.index_keys"
        + " FROM w, bump WHERE w.kind = 1 AND r.ns = :ns AND r.coll = w.coll AND r.id = w.id),"
        + " del AS (DELETE FROM " + t.records + " r USING w, bump"
        + " WHERE w.kind = 2 AND r.ns = :ns AND r.coll = w.coll AND r.id = w.id),"
        + " chg AS (INSERT INTO " + t.changes
        + " (ns, revision, seq, kind, coll, id, payload, create_rev, prev_mod_rev, index_keys)"
        + " SELECT :ns, :next, w.seq, w.kind, w.coll, w.id, w.payload, w.create_rev, w.prev_mod_rev, w.index_keys"
        + " FROM w, bump),"
        + " kdel AS (DELETE FROM " + t.indexKeys + " k USING unnest(:gcolls::text[], :gidx::text[], :gkeys::bytea[],"
        + " :gids::bytea[]) AS g(coll, idx, ikey, id), bump"
        + " WHERE k.ns = :ns AND k.coll = g.coll AND k.idx = g.idx AND k.ikey = g.ikey AND k.id = g.id),"
        + " kins AS (INSERT INTO " + t.indexKeys + " (ns, coll, idx, ikey, id) SELECT :ns, a.coll, a.idx, a.ikey, a.id"
        + " FROM unnest(:acolls::text[], :aidx::text[], :akeys::bytea[], :aids::bytea[]) AS a(coll, idx, ikey, id),"
        + " bump),"
        + " cols AS (INSERT INTO " + t.collections + " (ns, coll, revision)"
        + " SELECT :ns, c.coll, :next FROM unnest(:touched::text[]) AS c(coll), bump"
        + " ON CONFLICT (ns, coll) DO UPDATE SET revision = EXCLUDED.revision),"
        + " tok AS (INSERT INTO " + t.tokens + " (ns, token, revision) SELECT :ns, :token, :next FROM bump),"
        + " note AS (SELECT pg_notify(:channel, :ns) FROM bump)"
        + " SELECT bump.revision, (SELECT count(*) FROM note) FROM bump";
  }

  /**
   * Commits the plan (the caller's handle is in auto-commit mode).
   *
   * @return whether it applied; false if another commit moved the revision first
   */
  boolean apply(Handle h, String ns, CommitState state, CommitPlan plan, String token, String channel) {
    int n = plan.changes.size();
    Integer[] kinds = new Integer[n];
    Integer[] seqs = new Integer[n];
    String[] colls = new String[n];
    byte[][] ids = new byte[n][];
    byte[][] payloads = new byte[n][];
    Long[] creates = new Long[n];
    Long[] prevs = new Long[n];
    byte[][] keys = new byte[n][];
    for (int i = 0; i < n; i++) {
      CommitPlan.RecordChange c = plan.changes.get(i);
      kinds[i] = (int) BatchWriter.kind(c.type());
      seqs[i] = i;
      colls[i] = c.collection();
      ids[i] = CommitState.utf8(c.id());
      payloads[i] = c.value();
      creates[i] = c.createRevision();
      prevs[i] = c.prevModRevision();
      keys[i] = c.indexKeys();
    }
    Query q = h.createQuery(sql)
        .bind("ns", ns).bind("next", plan.revision).bind("base", state.revision)
        .bind("kinds", array("int4", kinds)).bind("seqs", array("int4", seqs)).bind("colls", array("text", colls))
        .bind("ids", array("bytea", ids)).bind("payloads", array("bytea", payloads))
        .bind("creates", array("int8", creates)).bind("prevs", array("int8", prevs)).bind("keys", array("bytea", keys))
        .bind("touched", array("text", plan.collections.keySet().toArray(new String[0])))
        .bind("token", token).bind("channel", channel);
    bindKeyRows(q, "g", plan.keysRemoved);
    bindKeyRows(q, "a", plan.keysAdded);
    if (n + plan.keysAdded.size() + plan.keysRemoved.size() > 16) {
      q.addCustomizer(CommitState.PLAN_EACH_TIME);
    }
    return q.map((rs, ctx) -> rs.getLong(1)).findFirst().isPresent();
  }

  private static void bindKeyRows(Query q, String prefix, List<CommitPlan.KeyRow> rows) {
    List<String> colls = new ArrayList<>(rows.size());
    List<String> indexes = new ArrayList<>(rows.size());
    byte[][] keys = new byte[rows.size()][];
    byte[][] ids = new byte[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      CommitPlan.KeyRow r = rows.get(i);
      colls.add(r.collection());
      indexes.add(r.index());
      keys[i] = CommitState.utf8(r.key());
      ids[i] = CommitState.utf8(r.id());
    }
    q.bind(prefix + "colls", array("text", colls.toArray(new String[0])))
        .bind(prefix + "idx", array("text", indexes.toArray(new String[0])))
        .bind(prefix + "keys", array("bytea", keys)).bind(prefix + "ids", array("bytea", ids));
  }

  /** Binds a Java array as a SQL array of {@code type}, made by the statement's own connection. */
  static Argument array(String type, Object[] elements) {
    return (position, statement, ctx) ->
        statement.setArray(position, statement.getConnection().createArrayOf(type, elements));
  }
}

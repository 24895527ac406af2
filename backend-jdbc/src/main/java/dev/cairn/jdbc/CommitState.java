package dev.cairn.jdbc;

import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IndexKeys;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.Write;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * What a commit on SQLite or H2 must know of the namespace before it writes, read in one statement (one
 * snapshot): the namespace's revision, the records its preconditions and writes name, the
 * revisions of the collections they touch and the holders of the index keys they claim. The
 * commit then applies only if the namespace's revision is still {@link #revision}, so nothing
 * read here can have changed.
 */
final class CommitState {
  /** A record's state: its revisions and index keys. */
  record Old(long createRevision, long modRevision, Map<String, Set<String>> indexKeys) {}

  /** A (collection, id) pair. */
  record RecordKey(String collection, String id) {}

  /** A (collection, index, key) triple. */
  record IndexKey(String collection, String index, String key) {}

  boolean namespaceExists;
  long revision;
  long floor;
  final Map<RecordKey, Old> records = new HashMap<>();
  final Map<String, Long> collectionRevisions = new HashMap<>();
  final Map<IndexKey, Set<String>> holders = new HashMap<>();

  /** The statement that reads a commit's state, and its arguments in order (String or byte[]). */
  record Read(String sql, List<Object> args) {}

  /** Reads the state of a commit through JDBI, in {@code h}'s transaction if it has one. */
  static CommitState read(Handle h, Tables t, Dialect dialect, String ns, CommitRequest request) {
    Read read = query(t, dialect, ns, request);
    Query query = h.createQuery(read.sql());
    for (int i = 0; i < read.args().size(); i++) {
      query.bind(i, read.args().get(i));
    }
    CommitState state = new CommitState();
    query.map((rs, ctx) -> {
      state.add(rs);
      return Boolean.TRUE;
    }).list();
    return state;
  }

  /**
   * Builds the statement that reads what a commit needs: one {@code UNION ALL} of the
   * namespace's row, the records named, the collections touched and the index keys claimed.
   * Each row's first column says which of the four it is; {@link #add} reads it.
   */
  static Read query(Tables t, Dialect dialect, String ns, CommitRequest request) {
    Map<String, Set<String>> ids = new LinkedHashMap<>();
    Set<String> collections = new LinkedHashSet<>();
    Map<String, Set<IndexKey>> keysByIndex = new LinkedHashMap<>();
    for (Precondition p : request.preconditions()) {
      collections.add(p.collection());
      if (p instanceof Precondition.RecordVersion) {
        ids.computeIfAbsent(p.collection(), c -> new LinkedHashSet<>()).add(((Precondition.RecordVersion) p).id());
      } else if (p instanceof Precondition.IndexKeyFree) {
        Precondition.IndexKeyFree f = (Precondition.IndexKeyFree) p;
        keysByIndex.computeIfAbsent(f.collection() + '\0' + f.index(), k -> new LinkedHashSet<>())
            .add(new IndexKey(f.collection(), f.index(), f.key()));
      }
    }
    for (Write w : request.writes()) {
      collections.add(w.collection());
      ids.computeIfAbsent(w.collection(), c -> new LinkedHashSet<>()).add(w.id());
    }
    String nullKey = "CAST(NULL AS " + dialect.keyType() + ")";
    String nullName = "CAST(NULL AS VARCHAR(63))";
    StringBuilder sql = new StringBuilder("SELECT 0 AS kind, ").append(nullName).append(", ").append(nullKey)
        .append(", ").append(nullName).append(", revision, floor, CAST(NULL AS ").append(dialect.valueType())
        .append(") FROM ").append(t.collections).append(" WHERE ns = ? AND coll = ").append(Tables.NAMESPACE_ROW);
    List<Object> args = new ArrayList<>();
    args.add(ns);
    ids.forEach((collection, set) -> {
      sql.append(" UNION ALL SELECT 1, coll, id, ").append(nullName).append(", mod_rev, create_rev, index_keys FROM ")
          .append(t.records).append(" WHERE ns = ? AND coll = ? AND id ");
      args.add(ns);
      args.add(collection);
      in(sql, args, set.stream().map(CommitState::utf8).toList());
    });
    sql.append(" UNION ALL SELECT 2, coll, ").append(nullKey).append(", ").append(nullName)
        .append(", revision, 0, NULL FROM ").append(t.collections).append(" WHERE ns = ? AND coll IN (");
    args.add(ns);
    placeholders(sql, collections.size());
    args.addAll(collections);
    keysByIndex.values().forEach(keys -> {
      IndexKey first = keys.iterator().next();
      sql.append(" UNION ALL SELECT 3, coll, id, idx, 0, 0, ikey FROM ").append(t.indexKeys)
          .append(" WHERE ns = ? AND coll = ? AND idx = ? AND ikey ");
      args.add(ns);
      args.add(first.collection());
      args.add(first.index());
      in(sql, args, keys.stream().map(k -> utf8(k.key())).toList());
    });
    return new Read(sql.toString(), args);
  }

  /** Adds one row of the {@link #query}'s result. */
  void add(ResultSet rs) throws SQLException {
    switch (rs.getInt(1)) {
      case 0:
        namespaceExists = true;
        revision = rs.getLong(5);
        floor = rs.getLong(6);
        break;
      case 1:
        records.put(new RecordKey(rs.getString(2), string(rs.getBytes(3))),
            new Old(rs.getLong(6), rs.getLong(5), IndexKeys.decode(rs.getBytes(7))));
        break;
      case 2:
        collectionRevisions.put(rs.getString(2), rs.getLong(5));
        break;
      default:
        holders.computeIfAbsent(new IndexKey(rs.getString(2), rs.getString(4), string(rs.getBytes(7))),
            k -> new HashSet<>()).add(string(rs.getBytes(3)));
    }
  }

  /**
   * Whether the commit writes one record and its preconditions name only that record and its
   * collection, so that {@link Tables#stateOfOne} reads all it needs.
   */
  static boolean ofOneRecord(CommitRequest request) {
    if (request.writes().size() != 1) {
      return false;
    }
    Write w = request.writes().get(0);
    for (Precondition p : request.preconditions()) {
      boolean sameRecord = p instanceof Precondition.RecordVersion
          && ((Precondition.RecordVersion) p).id().equals(w.id());
      if (!p.collection().equals(w.collection())
          || !(sameRecord || p instanceof Precondition.CollectionUnchanged)) {
        return false;
      }
    }
    return true;
  }

  /** Adds the one row of {@link Tables#stateOfOne} for a commit of the record {@code (collection, id)}. */
  void addOne(ResultSet rs, String collection, String id) throws SQLException {
    long namespaceRevision = rs.getLong(1);
    if (!rs.wasNull()) {
      namespaceExists = true;
      revision = namespaceRevision;
      floor = rs.getLong(2);
    }
    long collectionRevision = rs.getLong(3);
    if (!rs.wasNull()) {
      collectionRevisions.put(collection, collectionRevision);
    }
    long modRevision = rs.getLong(4);
    if (!rs.wasNull()) {
      records.put(new RecordKey(collection, id), new Old(rs.getLong(5), modRevision, IndexKeys.decode(rs.getBytes(6))));
    }
  }

  /** Returns the first precondition that does not hold, or null. */
  Precondition firstFailed(List<Precondition> preconditions) {
    for (Precondition p : preconditions) {
      if (!holds(p)) {
        return p;
      }
    }
    return null;
  }

  private boolean holds(Precondition p) {
    if (p instanceof Precondition.RecordVersion) {
      Precondition.RecordVersion v = (Precondition.RecordVersion) p;
      Old old = records.get(new RecordKey(v.collection(), v.id()));
      return (old == null ? 0 : old.modRevision()) == v.modRevision();
    }
    if (p instanceof Precondition.CollectionUnchanged) {
      return collectionRevisions.getOrDefault(p.collection(), 0L) <= ((Precondition.CollectionUnchanged) p).revision();
    }
    Precondition.IndexKeyFree free = (Precondition.IndexKeyFree) p;
    Set<String> held = holders.getOrDefault(new IndexKey(free.collection(), free.index(), free.key()), Set.of());
    return free.allowedHolders().containsAll(held);
  }

  /** Appends a membership test of binary keys, {@code IN (?, ...)}. */
  private static void in(StringBuilder sql, List<Object> args, List<byte[]> keys) {
    sql.append("IN (");
    placeholders(sql, keys.size());
    args.addAll(keys);
  }

  private static void placeholders(StringBuilder sql, int n) {
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String string(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}

package dev.cairn.jdbc;

/**
 * The names of Cairn's tables under one prefix, and the SQL that reads them. Only the prefix
 * (checked against {@link JdbcConfig#PREFIX_RULE}) and constant text go into SQL; every value
 * is a bind parameter.
 *
 * <p>A namespace's revision and floor are a row of the {@link #collections} table, the one whose
 * collection is {@value #NAMESPACE_ROW} (no collection's name is empty): a commit moves that row and
 * its collections' rows, and beside each other in one table they share a page (SQLite writes one
 * page for both instead of two, each a frame of the log its commit syncs).
 */
final class Tables {
  /** The collection of the row that holds a namespace's own revision and floor, as SQL. */
  static final String NAMESPACE_ROW = "''";

  final String schemaVersion;
  /** The namespaces' table of schema versions 1 to 3; version 4 moved its rows into {@link #collections}. */
  final String namespaces;
  final String records;
  final String collections;
  final String indexKeys;
  final String changes;
  final String tokens;

  /** One record with the namespace and collection revisions, all read in one statement's snapshot. */
  final String get;
  /**
   * {@link #get} with numbered parameters, ?1 the namespace, ?2 the collection, ?3 the id, for
   * SQLite: three values bound, not six (each a call into the driver's native code).
   */
  final String getNumbered;
  /**
   * What a commit of one record on SQLite needs, as one row: the namespace's revision and floor,
   * the collection's revision and the record's revisions and index keys (each null if absent);
   * numbered parameters as in {@link #getNumbered}.
   */
  final String stateOfOne;
  /** The first page of a collection's range scans, by bound kind: see {@link #scan(int, boolean)}. */
  private final String[] scans = new String[6];
  final String lookupExact;
  final String lookupPrefix;
  final String lookupPrefixUnbounded;
  final String changesAfter;
  final String currentRevision;
  final String collectionNames;
  final String tokenRevision;

  Tables(String prefix) {
    schemaVersion = prefix + "schema_version";
    namespaces = prefix + "namespaces";
    records = prefix + "records";
    collections = prefix + "collections";
    indexKeys = prefix + "index_keys";
    changes = prefix + "changes";
    tokens = prefix + "tokens";

    String heads = " FROM (SELECT 1 AS one) q"
        + " LEFT JOIN " + collections + " n ON n.ns = ? AND n.coll = " + NAMESPACE_ROW
        + " LEFT JOIN " + collections + " c ON c.ns = ? AND c.coll = ?";
    get = "SELECT n.revision, c.revision, r.payload, r.create_rev, r.mod_rev" + heads
        + " LEFT JOIN " + records + " r ON r.ns = ? AND r.coll = ? AND r.id = ?";
    // the namespace's row, the collection's and the record, by ?1 namespace, ?2 collection, ?3 id
    String oneRecord = " FROM (SELECT 1 AS one) q"
        + " LEFT JOIN " + collections + " n ON n.ns = ?1 AND n.coll = " + NAMESPACE_ROW
        + " LEFT JOIN " + collections + " c ON c.ns = ?1 AND c.coll = ?2"
        + " LEFT JOIN " + records + " r ON r.ns = ?1 AND r.coll = ?2 AND r.id = ?3";
    getNumbered = "SELECT n.revision, c.revision, r.payload, r.create_rev, r.mod_rev" + oneRecord;
    stateOfOne = "SELECT n.revision, n.floor, c.revision, r.mod_rev, r.create_rev, r.index_keys" + oneRecord;
    String page = "SELECT n.revision, c.revision, r.id, r.payload, r.create_rev, r.mod_rev, r.index_keys" + heads
        + " LEFT JOIN (SELECT id, payload, create_rev, mod_rev, index_keys FROM " + records
        + " WHERE ns = ? AND coll = ?";
    String[] lowers = {"", " AND id >= ?", " AND id > ?"};
    for (int lower = 0; lower < 3; lower++) {
      for (int upper = 0; upper < 2; upper++) {
        scans[lower * 2 + upper] = page + lowers[lower] + (upper == 1 ? " AND id < ?" : "")
            + " ORDER BY id LIMIT ?) r ON 1 = 1 ORDER BY r.id";
      }
    }
    // A join, not "id IN (subquery)": H2 scans the whole collection for the latter. A prefix
    // lookup may meet one record once per matching key; the caller drops the repeats.
    String lookup = "SELECT n.revision, c.revision, r.id, r.payload, r.create_rev, r.mod_rev, r.index_keys" + heads
        + " LEFT JOIN (SELECT x.id, x.payload, x.create_rev, x.mod_rev, x.index_keys FROM " + indexKeys + " k JOIN "
        + records + " x ON x.ns = k.ns AND x.coll = k.coll AND x.id = k.id"
        + " WHERE k.ns = ? AND k.coll = ? AND k.idx = ? AND ";
    lookupExact = lookup + "k.ikey = ?) r ON 1 = 1 ORDER BY r.id";
    lookupPrefix = lookup + "k.ikey >= ? AND k.ikey < ?) r ON 1 = 1 ORDER BY r.id";
    lookupPrefixUnbounded = lookup + "k.ikey >= ?) r ON 1 = 1 ORDER BY r.id";
    changesAfter = "SELECT n.floor, ch.revision, ch.seq, ch.kind, ch.coll, ch.id, ch.payload, ch.create_rev,"
        + " ch.prev_mod_rev, ch.index_keys FROM (SELECT 1 AS one) q"
        + " LEFT JOIN " + collections + " n ON n.ns = ? AND n.coll = " + NAMESPACE_ROW
        + " LEFT JOIN (SELECT revision, seq, kind, coll, id, payload, create_rev, prev_mod_rev, index_keys FROM "
        + changes + " WHERE ns = ? AND revision > ? AND revision <= COALESCE((SELECT revision FROM " + changes
        + " WHERE ns = ? AND revision > ? ORDER BY revision, seq LIMIT 1 OFFSET ?), ?)) ch ON 1 = 1"
        + " ORDER BY ch.revision, ch.seq";
    currentRevision = "SELECT revision FROM " + collections + " WHERE ns = ? AND coll = " + NAMESPACE_ROW;
    collectionNames = "SELECT coll FROM " + collections + " WHERE ns = ? AND coll <> " + NAMESPACE_ROW;
    tokenRevision = "SELECT revision FROM " + tokens + " WHERE ns = ? AND token = ?";
  }

  /**
   * Returns the scan for a range's bounds.
   *
   * @param lower 0 for none, 1 for inclusive, 2 for exclusive
   */
  String scan(int lower, boolean upper) {
    return scans[lower * 2 + (upper ? 1 : 0)];
  }
}

package dev.cairn.jdbc;

/**
 * The portable statements a commit on SQLite or H2 writes its rows with, one per kind of row
 * ({@link BatchWriter} runs them as JDBI batches, {@link SqliteWriter} on cached statements).
 * Only the validated table prefix goes into them; every value is a bind parameter.
 */
final class WriteSql {
  final String insertNamespace;
  final String moveNamespace;
  final String insertRecord;
  final String updateRecord;
  final String deleteRecord;
  final String insertKey;
  final String deleteKey;
  final String insertChange;
  final String insertCollection;
  final String updateCollection;
  final String insertToken;

  WriteSql(Tables t) {
    insertNamespace = "INSERT INTO " + t.namespaces + " (ns, revision, floor) VALUES (?, 0, 0)";
    moveNamespace = "UPDATE " + t.namespaces + " SET revision = ? WHERE ns = ? AND revision = ?";
    insertRecord = "INSERT INTO " + t.records + " (ns, coll, id, payload, create_rev, mod_rev, index_keys)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    updateRecord = "UPDATE " + t.records + " SET payload = ?, mod_rev = ?, index_keys = ?"
        + " WHERE ns = ? AND coll = ? AND id = ?";
    deleteRecord = "DELETE FROM " + t.records + " WHERE ns = ? AND coll = ? AND id = ?";
    insertKey = "INSERT INTO " + t.indexKeys + " (ns, coll, idx, ikey, id) VALUES (?, ?, ?, ?, ?)";
    deleteKey = "DELETE FROM " + t.indexKeys + " WHERE ns = ? AND coll = ? AND idx = ? AND ikey = ? AND id = ?";
    insertChange = "INSERT INTO " + t.changes + " (ns, revision, seq, kind, coll, id, payload, create_rev,"
        + " prev_mod_rev, index_keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    insertCollection = "INSERT INTO " + t.collections + " (ns, coll, revision) VALUES (?, ?, ?)";
    updateCollection = "UPDATE " + t.collections + " SET revision = ? WHERE ns = ? AND coll = ?";
    insertToken = "INSERT INTO " + t.tokens + " (ns, token, revision) VALUES (?, ?, ?)";
  }
}

package dev.cairn.datastore;

import com.google.cloud.datastore.Key;

/**
 * Where a namespace's entities live. Everything of a Cairn namespace sits in the Datastore
 * namespace of the same name, under one root key, so every commit touches one entity group and
 * every read is a lookup by key or an ancestor query: both strongly consistent.
 *
 * <pre>
 * CairnNamespace:prefix                          revision
 *   CairnCollection:collection                   revision (last write to the collection)
 *     CairnRecord:'id                            v, created, modified, keys, ix[]
 *     CairnName:'name key                        id (the record that holds the name)
 *   CairnCommit:revision (numeric id)            token, changes, trimmed
 *     CairnChange:n (numeric id, 1..changes)     type, collection, id, v, created, previous, keys
 *   CairnToken:'token                            revision (0: declared never to apply)
 *   CairnTrim:history                            upTo, tokensUpTo
 * </pre>
 *
 * A name ({@link dev.cairn.spi.IndexKeys#NAME_INDEX}) is unique in its collection, so besides
 * the record's index entry it has an entity of its own, keyed by the name: a commit checks that
 * a name is free, and a reader finds its holder, by key, without a query.
 *
 * <p>Record ids and tokens are stored behind a {@code '} so that no name is empty or looks like a
 * reserved {@code __name__}; ids and index keys are written in {@link OrderedText}, so that
 * Datastore's order of names and strings is {@link dev.cairn.Ids#ORDER}. Immutable and
 * thread-safe.
 */
final class Layout {
  static final String NAMESPACE = "CairnNamespace";
  static final String COLLECTION = "CairnCollection";
  static final String RECORD = "CairnRecord";
  static final String NAME = "CairnName";
  static final String COMMIT = "CairnCommit";
  static final String CHANGE = "CairnChange";
  static final String TOKEN = "CairnToken";
  static final String TRIM = "CairnTrim";

  // properties
  static final String REVISION = "revision";
  static final String VALUE = "v";
  static final String CREATED = "created";
  static final String MODIFIED = "modified";
  static final String PREVIOUS = "previous";
  static final String KEYS = "keys";
  /** The record's index keys as {@code index:key} strings: the one indexed property. */
  static final String INDEX_ENTRIES = "ix";
  static final String TOKEN_NAME = "token";
  static final String CHANGES = "changes";
  static final String TRIMMED = "trimmed";
  static final String TYPE = "type";
  static final String COLLECTION_NAME = "collection";
  static final String ID = "id";
  static final String UP_TO = "upTo";
  static final String TOKENS_UP_TO = "tokensUpTo";

  private static final String ESCAPE = "'";

  private final String project;
  private final String database;
  private final String prefix;

  Layout(String project, String database, String prefix) {
    this.project = project;
    this.database = database;
    this.prefix = prefix;
  }

  /** The namespace's root: the head entity every commit reads and increments. */
  Key root(String namespace) {
    Key.Builder b = Key.newBuilder(project, NAMESPACE, prefix).setNamespace(namespace);
    if (database != null) {
      b.setDatabaseId(database);
    }
    return b.build();
  }

  Key collection(Key root, String collection) {
    return Key.newBuilder(root, COLLECTION, collection).build();
  }

  Key record(Key collection, String id) {
    return Key.newBuilder(collection, RECORD, ESCAPE + OrderedText.encode(id)).build();
  }

  /** The entity that says which record of the collection holds a name key. */
  Key name(Key collection, String nameKey) {
    return Key.newBuilder(collection, NAME, ESCAPE + OrderedText.encode(nameKey)).build();
  }

  Key commit(Key root, long revision) {
    return Key.newBuilder(root, COMMIT, revision).build();
  }

  Key change(Key commit, int ordinal) {
    return Key.newBuilder(commit, CHANGE, ordinal).build();
  }

  Key token(Key root, String token) {
    return Key.newBuilder(root, TOKEN, ESCAPE + token).build();
  }

  Key trim(Key root) {
    return Key.newBuilder(root, TRIM, "history").build();
  }

  /** The record id a record key names. */
  static String id(Key record) {
    return OrderedText.decode(record.getName().substring(ESCAPE.length()));
  }

  /**
   * The indexed string of one index key, whose order is that of the keys; index names never
   * hold ':', so it splits one way.
   */
  static String indexEntry(String index, String key) {
    return index + ":" + OrderedText.encode(key);
  }

  @Override
  public String toString() {
    return "project " + project + (database == null ? "" : ", database " + database) + ", root " + prefix;
  }
}

package dev.cairn.datastore;

import com.google.cloud.datastore.Blob;
import com.google.cloud.datastore.BlobValue;
import com.google.cloud.datastore.BooleanValue;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.ListValue;
import com.google.cloud.datastore.LongValue;
import com.google.cloud.datastore.StringValue;
import com.google.cloud.datastore.Value;
import dev.cairn.ChangeType;
import dev.cairn.CorruptedException;
import dev.cairn.spi.Change;
import dev.cairn.spi.IndexKeys;
import dev.cairn.spi.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds and reads the entities of {@link Layout}. Every property is excluded from Datastore's
 * indexes but a record's index entries ({@link Layout#INDEX_ENTRIES}), so an entity costs one
 * index write per index key and nothing more. Stateless.
 */
final class Entities {
  private Entities() {}

  static Entity record(Key key, byte[] value, long created, long modified, Map<String, Set<String>> indexKeys) {
    Entity.Builder b = Entity.newBuilder(key)
        .set(Layout.VALUE, blob(value))
        .set(Layout.CREATED, unindexed(created))
        .set(Layout.MODIFIED, unindexed(modified))
        .set(Layout.KEYS, blob(IndexKeys.encode(indexKeys)));
    List<StringValue> entries = new ArrayList<>();
    indexKeys.forEach((index, keys) -> keys.forEach(k -> entries.add(StringValue.of(Layout.indexEntry(index, k)))));
    if (!entries.isEmpty()) {
      b.set(Layout.INDEX_ENTRIES, ListValue.of(entries));
    }
    return b.build();
  }

  /** The entity of a name key held by the record {@code id}. */
  static Entity name(Key key, String id) {
    return Entity.newBuilder(key).set(Layout.ID, unindexed(id)).build();
  }

  /** The id of the record that holds a name, or null when the name entity is absent. */
  static String holder(Entity name) {
    return name == null ? null : name.getString(Layout.ID);
  }

  static StoredRecord storedRecord(String collection, Entity e) {
    return new StoredRecord(collection, Layout.id(e.getKey()), bytes(e, Layout.VALUE), number(e, Layout.CREATED),
        number(e, Layout.MODIFIED));
  }

  static Map<String, Set<String>> indexKeys(Entity e) {
    return IndexKeys.decode(bytes(e, Layout.KEYS));
  }

  static Entity change(Key key, Change c) {
    Entity.Builder b = Entity.newBuilder(key)
        .set(Layout.TYPE, unindexed(type(c.type())))
        .set(Layout.COLLECTION_NAME, unindexed(c.collection()))
        .set(Layout.ID, unindexed(c.id()))
        .set(Layout.CREATED, unindexed(c.createRevision()))
        .set(Layout.PREVIOUS, unindexed(c.prevModRevision()));
    if (c.value() != null) {
      b.set(Layout.VALUE, blob(c.value())).set(Layout.KEYS, blob(IndexKeys.encode(c.indexKeys())));
    }
    return b.build();
  }

  static Change change(long revision, Entity e) {
    String type = e.getString(Layout.TYPE);
    String collection = e.getString(Layout.COLLECTION_NAME);
    String id = e.getString(Layout.ID);
    long created = number(e, Layout.CREATED);
    long previous = number(e, Layout.PREVIOUS);
    switch (type) {
      case "d":
        return new Change(revision, ChangeType.DELETE, collection, id, null, created, previous);
      case "c":
      case "u":
        return new Change(revision, type.equals("c") ? ChangeType.CREATE : ChangeType.UPDATE, collection, id,
            bytes(e, Layout.VALUE), created, previous, IndexKeys.decode(bytes(e, Layout.KEYS)));
      default:
        throw new CorruptedException("change " + e.getKey() + " has an unknown type '" + type + "'");
    }
  }

  private static String type(ChangeType type) {
    switch (type) {
      case CREATE:
        return "c";
      case UPDATE:
        return "u";
      default:
        return "d";
    }
  }

  /** An entity with one number, such as the root's or a collection's revision. */
  static Entity withNumber(Key key, String property, long value) {
    return Entity.newBuilder(key).set(property, unindexed(value)).build();
  }

  static Entity commit(Key key, String token, int changes) {
    return Entity.newBuilder(key)
        .set(Layout.TOKEN_NAME, unindexed(token))
        .set(Layout.CHANGES, unindexed(changes))
        .set(Layout.TRIMMED, BooleanValue.newBuilder(false).setExcludeFromIndexes(true).build())
        .build();
  }

  static Entity trimmedCommit(Entity commit) {
    return Entity.newBuilder(commit)
        .set(Layout.TRIMMED, BooleanValue.newBuilder(true).setExcludeFromIndexes(true).build())
        .build();
  }

  /** A number property, 0 when the entity or the property is absent. */
  static long number(Entity e, String property) {
    return e == null || !e.contains(property) ? 0 : e.getLong(property);
  }

  static boolean flag(Entity e, String property) {
    return e != null && e.contains(property) && e.getBoolean(property);
  }

  private static byte[] bytes(Entity e, String property) {
    return e.getBlob(property).toByteArray();
  }

  private static Value<?> blob(byte[] bytes) {
    return BlobValue.newBuilder(Blob.copyFrom(bytes)).setExcludeFromIndexes(true).build();
  }

  private static Value<?> unindexed(long n) {
    return LongValue.newBuilder(n).setExcludeFromIndexes(true).build();
  }

  private static Value<?> unindexed(String s) {
    return StringValue.newBuilder(s).setExcludeFromIndexes(true).build();
  }
}

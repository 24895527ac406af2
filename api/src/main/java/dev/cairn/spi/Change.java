package dev.cairn.spi;

import dev.cairn.ChangeType;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a namespace's change feed: one write of one committed transaction. The feed is a
 * complete log: with the index keys of each put, replaying it in order rebuilds every record and
 * index, which is how an export is made consistent and how a migration follows a live store.
 *
 * @param revision the transaction's revision
 * @param type what the write did
 * @param collection the collection
 * @param id the record id
 * @param value the new encoded value, or null for a delete
 * @param createRevision the record's create revision (of the deleted record, for a delete)
 * @param prevModRevision the record's mod revision before the write, 0 for a create
 * @param indexKeys the record's index keys after the write, as its {@link Write} gave them; empty
 *     for a delete; unmodifiable
 */
public record Change(long revision, ChangeType type, String collection, String id, byte[] value,
    long createRevision, long prevModRevision, Map<String, Set<String>> indexKeys) {
  /** Checks that no required component is null and copies the index keys. */
  public Change {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(id, "id");
    indexKeys = Map.copyOf(Objects.requireNonNull(indexKeys, "indexKeys"));
  }

  /** Creates a change without index keys: a delete, or a put of a record that has none. */
  public Change(long revision, ChangeType type, String collection, String id, byte[] value,
      long createRevision, long prevModRevision) {
    this(revision, type, collection, id, value, createRevision, prevModRevision, Map.of());
  }
}

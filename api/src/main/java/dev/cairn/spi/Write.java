package dev.cairn.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One write of a commit: a put of a whole record with its index keys, or a delete.
 *
 * @param collection the collection
 * @param id the record id
 * @param value the new encoded value, or null to delete the record
 * @param indexKeys the record's keys per index name (replacing its earlier keys); empty for
 *     a delete
 */
public record Write(String collection, String id, byte[] value, Map<String, Set<String>> indexKeys) {
  /** Copies the index keys. */
  public Write {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(id, "id");
    indexKeys = Map.copyOf(Objects.requireNonNull(indexKeys, "indexKeys"));
  }

  /** Returns whether this write deletes the record. */
  public boolean isDelete() {
    return value == null;
  }
}

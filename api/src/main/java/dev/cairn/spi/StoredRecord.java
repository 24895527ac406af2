package dev.cairn.spi;

import java.util.Objects;

/**
 * A record as a backend stores it. The value array is owned by whoever holds the record and
 * must not be modified.
 *
 * @param collection the collection name
 * @param id the record id
 * @param value the encoded value
 * @param createRevision the revision that created the record
 * @param modRevision the revision of its last write (its version)
 */
public record StoredRecord(String collection, String id, byte[] value, long createRevision, long modRevision) {
  /** Checks that no component is null. */
  public StoredRecord {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(value, "value");
  }
}

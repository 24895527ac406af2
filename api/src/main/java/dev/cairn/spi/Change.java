package dev.cairn.spi;

import dev.cairn.ChangeType;
import java.util.Objects;

/**
 * One entry of a namespace's change feed: one write of one committed transaction.
 *
 * @param revision the transaction's revision
 * @param type what the write did
 * @param collection the collection
 * @param id the record id
 * @param value the new encoded value, or null for a delete
 * @param createRevision the record's create revision (of the deleted record, for a delete)
 * @param prevModRevision the record's mod revision before the write, 0 for a create
 */
public record Change(long revision, ChangeType type, String collection, String id, byte[] value,
    long createRevision, long prevModRevision) {
  /** Checks that no required component is null. */
  public Change {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(id, "id");
  }
}

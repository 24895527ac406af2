package dev.cairn;

/**
 * What a {@link Watch} delivers: the changes of one committed transaction, in order, then
 * its {@link Committed} marker.
 */
public sealed interface WatchEvent {

  /** Returns the revision of the transaction this event belongs to. */
  long revision();

  /**
   * One write of a committed transaction.
   *
   * @param revision the transaction's revision
   * @param type what the write did
   * @param collection the collection
   * @param id the record id
   * @param rawValue the new encoded value, or null for a delete; do not modify
   * @param createRevision the record's create revision
   * @param prevModRevision the record's version before the write, 0 for a create
   */
  record Changed(long revision, ChangeType type, String collection, String id, byte[] rawValue,
      long createRevision, long prevModRevision) implements WatchEvent {

    /**
     * Decodes the new value with the schema's codec.
     *
     * @return the value, or null for a delete
     * @throws InvalidArgumentException if the schema is of another collection
     */
    public <T> T value(Schema<T> schema) {
      if (!schema.collection().equals(collection)) {
        throw new InvalidArgumentException("event of collection '" + collection
            + "' decoded with the schema of '" + schema.collection() + "'");
      }
      return rawValue == null ? null : schema.codec().decode(rawValue);
    }

    @Override public String toString() {
      return "Changed{rev=" + revision + ", " + type + " " + collection + "/" + id + "}";
    }
  }

  /**
   * The end of a transaction: every change of revision {@code revision} that the filter
   * passes has been delivered.
   *
   * @param revision the transaction's revision
   * @param changes how many changes of the transaction were delivered
   */
  record Committed(long revision, int changes) implements WatchEvent {}
}

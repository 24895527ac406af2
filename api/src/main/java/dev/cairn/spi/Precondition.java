package dev.cairn.spi;

/**
 * What must still hold when a commit applies; a backend checks every precondition of a
 * {@link CommitRequest} atomically with applying its writes.
 */
public sealed interface Precondition {

  /** The collection the precondition is about. */
  String collection();

  /**
   * The record's mod revision equals {@code modRevision}; 0 means the record is absent.
   *
   * @param collection the collection
   * @param id the record id
   * @param modRevision the expected version, or 0 for "absent"
   */
  record RecordVersion(String collection, String id, long modRevision) implements Precondition {}

  /**
   * No record of the collection was written (created, updated or deleted) after
   * {@code revision}: the collection revision is at most {@code revision}.
   *
   * @param collection the collection
   * @param revision the revision the caller's scan saw
   */
  record CollectionUnchanged(String collection, long revision) implements Precondition {}

  /**
   * No record of the collection outside {@code allowedHolders} holds {@code key} in
   * {@code index}. Checked, like every precondition, against the state before the commit's
   * writes; the allowed holders are the record that takes the key and the records the same
   * commit rewrites without it (their writes replace their keys).
   *
   * @param collection the collection
   * @param index the index name
   * @param key the index key
   * @param allowedHolders the records that may hold the key now
   */
  record IndexKeyFree(String collection, String index, String key, java.util.Set<String> allowedHolders)
      implements Precondition {
    /** Copies the set. */
    public IndexKeyFree {
      allowedHolders = java.util.Set.copyOf(allowedHolders);
    }
  }
}

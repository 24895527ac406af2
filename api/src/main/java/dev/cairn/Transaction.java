package dev.cairn;

/**
 * Reads and writes of one serializable transaction ({@link Store#update}). Writes are
 * buffered and become visible to this transaction's reads at once, to others only on
 * commit. On commit Cairn checks, atomically with applying the writes, that nothing this
 * transaction read has changed since; otherwise it runs the callback again.
 *
 * <p>Every write returns the record as it will be committed, with {@link Entry#PENDING}
 * revisions where the commit revision is not known yet.
 */
public interface Transaction extends ReadTransaction {

  /**
   * Creates a record.
   *
   * <p>So that a transaction creating many records does not read each one first, every create but
   * the first of an update's first run is checked when it commits; if one of them exists or its
   * name is taken, the callback runs again (as on any conflict), and this time the create throws.
   *
   * @throws AlreadyExistsException if a record with the id exists
   * @throws NameConflictException if another record holds the value's name
   * @throws InvalidArgumentException if the id, name or an index key is invalid
   * @throws TooLargeException if the encoded value exceeds the backend's limit
   */
  <T> Entry<T> create(Schema<T> schema, String id, T value);

  /**
   * Replaces the value of an existing record.
   *
   * @throws NotFoundException if the record does not exist
   * @throws NameConflictException if another record holds the value's name
   */
  <T> Entry<T> update(Schema<T> schema, String id, T value);

  /**
   * Replaces the value of an existing record only if its version is still
   * {@code expectedVersion}: an explicit compare-and-set. A mismatch, now or at commit,
   * fails with {@link VersionConflictException}, which is <em>not</em> retried.
   *
   * @throws NotFoundException if the record does not exist
   * @throws VersionConflictException if the record's version differs
   */
  <T> Entry<T> update(Schema<T> schema, String id, T value, long expectedVersion);

  /** Creates the record or replaces its value. */
  <T> Entry<T> put(Schema<T> schema, String id, T value);

  /**
   * Deletes a record.
   *
   * @throws NotFoundException if the record does not exist
   */
  <T> void delete(Schema<T> schema, String id);

  /**
   * Deletes a record only if its version is still {@code expectedVersion}; not retried.
   *
   * @throws NotFoundException if the record does not exist
   * @throws VersionConflictException if the record's version differs
   */
  <T> void delete(Schema<T> schema, String id, long expectedVersion);
}

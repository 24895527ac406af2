package dev.cairn;

/**
 * The stable code of every {@link CairnException}. Codes never change meaning between
 * releases, so callers and remote tools may switch on them.
 */
public enum ErrorCode {
  /** A record with the same id already exists in the collection. */
  ALREADY_EXISTS,
  /** The record, collection or resource does not exist. */
  NOT_FOUND,
  /** Another record of the collection already has the same name (case-insensitively). */
  NAME_CONFLICT,
  /** An explicit compare-and-set found another version; never retried. */
  VERSION_CONFLICT,
  /** A transaction kept conflicting with concurrent ones until its attempts ran out. */
  TRANSACTION_CONFLICT,
  /** The requested change history is older than what the backend retains. */
  COMPACTED,
  /** The backend cannot be reached, or could not tell whether a commit happened. */
  UNAVAILABLE,
  /** An argument was malformed: a name, id, URI, option or range. */
  INVALID_ARGUMENT,
  /** A value, transaction or batch exceeds a limit of the store. */
  TOO_LARGE,
  /** A watcher fell further behind the change feed than its buffer allows and was closed. */
  SLOW_WATCHER,
  /** A batch stopped part-way; some of its transactions committed. */
  BATCH_FAILED,
  /** The store, or the watch, was closed. */
  CLOSED,
  /**
   * Stored or supplied data is damaged or of an unknown format: a bad checksum, a truncated or
   * empty input, bad magic, an unknown format version.
   */
  CORRUPTED,
  /** A lease is not held by the caller: expired, released, or taken over by another owner. */
  LEASE_LOST,
  /** A failure of the backend or of Cairn itself that fits no other code. */
  INTERNAL
}

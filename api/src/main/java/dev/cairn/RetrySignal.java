package dev.cairn;

/**
 * Thrown inside a transaction callback when the store moved on under it, so the callback
 * must run again. Callers must not catch it; it carries no stack trace.
 */
final class RetrySignal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean compacted;

  RetrySignal(String reason) {
    this(reason, false);
  }

  /**
   * Creates the signal.
   *
   * @param compacted whether the attempt failed because the change feed no longer held what it
   *     needed, rather than because of a conflicting commit
   */
  RetrySignal(String reason, boolean compacted) {
    super(reason, null, false, false);
    this.compacted = compacted;
  }

  /** Returns whether the attempt needed change history that was compacted. */
  boolean compacted() {
    return compacted;
  }
}

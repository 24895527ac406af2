package dev.cairn;

/**
 * Thrown inside a transaction callback when the store moved on under it, so the callback
 * must run again. Callers must not catch it; it carries no stack trace.
 */
final class RetrySignal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RetrySignal(String reason) {
    super(reason, null, false, false);
  }
}

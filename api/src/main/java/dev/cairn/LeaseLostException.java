package dev.cairn;

/**
 * A lease is not held by the caller: it expired by the backend's clock, was released, or was
 * taken over by another owner; code {@link ErrorCode#LEASE_LOST}. Never retried: the caller no
 * longer holds what it fenced its writes with.
 */
public class LeaseLostException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the lease and why it is lost. */
  public LeaseLostException(String message) {
    super(ErrorCode.LEASE_LOST, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public LeaseLostException(String message, Throwable cause) {
    super(ErrorCode.LEASE_LOST, message, cause);
  }
}

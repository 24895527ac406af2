package dev.cairn;

/** The store or watch was closed; code {@link ErrorCode#CLOSED}. */
public class ClosedException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public ClosedException(String message) {
    super(ErrorCode.CLOSED, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public ClosedException(String message, Throwable cause) {
    super(ErrorCode.CLOSED, message, cause);
  }
}

package dev.cairn;

/** An argument was malformed; the message names it; code {@link ErrorCode#INVALID_ARGUMENT}. */
public class InvalidArgumentException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public InvalidArgumentException(String message) {
    super(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public InvalidArgumentException(String message, Throwable cause) {
    super(ErrorCode.INVALID_ARGUMENT, message, cause);
  }
}

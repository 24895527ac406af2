package dev.cairn;

/** A value, transaction or batch exceeds a limit; code {@link ErrorCode#TOO_LARGE}. */
public class TooLargeException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public TooLargeException(String message) {
    super(ErrorCode.TOO_LARGE, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public TooLargeException(String message, Throwable cause) {
    super(ErrorCode.TOO_LARGE, message, cause);
  }
}

package dev.cairn;

/** The backend cannot be reached or could not confirm a commit; code {@link ErrorCode#UNAVAILABLE}. */
public class UnavailableException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public UnavailableException(String message) {
    super(ErrorCode.UNAVAILABLE, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public UnavailableException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }
}

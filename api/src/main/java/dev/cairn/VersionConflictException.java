package dev.cairn;

/** An explicit compare-and-set saw another version; never retried; code {@link ErrorCode#VERSION_CONFLICT}. */
public class VersionConflictException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public VersionConflictException(String message) {
    super(ErrorCode.VERSION_CONFLICT, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public VersionConflictException(String message, Throwable cause) {
    super(ErrorCode.VERSION_CONFLICT, message, cause);
  }
}

package dev.cairn;

/** Another record of the collection holds the name, case-insensitively; code {@link ErrorCode#NAME_CONFLICT}. */
public class NameConflictException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public NameConflictException(String message) {
    super(ErrorCode.NAME_CONFLICT, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public NameConflictException(String message, Throwable cause) {
    super(ErrorCode.NAME_CONFLICT, message, cause);
  }
}
